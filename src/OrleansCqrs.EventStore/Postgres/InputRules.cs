namespace OrleansCqrs.EventStore.Postgres;

/// <summary>The shapes of tenant ids, stream ids and idempotency keys the store accepts.</summary>
internal static class InputRules
{
    public const int MaxTenantIdLength = 64;
    public const int MaxStreamIdLength = 256;
    public const int MaxIdempotencyKeyLength = 128;

    public static void CheckTenantId(string? tenantId)
    {
        if (string.IsNullOrEmpty(tenantId))
        {
            throw new InvalidTenantIdException(tenantId, "it is empty");
        }

        if (tenantId.Length > MaxTenantIdLength)
        {
            throw new InvalidTenantIdException(tenantId, $"it is longer than {MaxTenantIdLength} characters");
        }

        foreach (var c in tenantId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw new InvalidTenantIdException(tenantId, "only ASCII letters, digits, '-', '_' and '.' are allowed");
            }
        }
    }

    public static void CheckStreamId(string? streamId)
    {
        if (string.IsNullOrEmpty(streamId))
        {
            throw new InvalidStreamIdException(streamId, "it is empty");
        }

        if (streamId.Length > MaxStreamIdLength)
        {
            throw new InvalidStreamIdException(streamId[..32] + "…", $"it is longer than {MaxStreamIdLength} characters");
        }

        if (HasControlCharacter(streamId))
        {
            throw new InvalidStreamIdException(Printable(streamId), "it contains a control character");
        }

        if (!IsValidUtf16(streamId))
        {
            throw new InvalidStreamIdException(Printable(streamId), "it is not valid UTF-16 (a lone surrogate character)");
        }
    }

    public static void CheckIdempotencyKey(string? key)
    {
        if (key is null)
        {
            return;
        }

        if (key.Length == 0)
        {
            throw new InvalidIdempotencyKeyException(key, "it is empty (pass null for no key)");
        }

        if (key.Length > MaxIdempotencyKeyLength)
        {
            throw new InvalidIdempotencyKeyException(key[..32] + "…", $"it is longer than {MaxIdempotencyKeyLength} characters");
        }

        if (HasControlCharacter(key))
        {
            throw new InvalidIdempotencyKeyException(Printable(key), "it contains a control character");
        }

        if (!IsValidUtf16(key))
        {
            throw new InvalidIdempotencyKeyException(Printable(key), "it is not valid UTF-16 (a lone surrogate character)");
        }
    }

    private static bool HasControlCharacter(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>False for a lone surrogate: PostgreSQL's UTF-8 cannot hold it, and Npgsql would fail the whole group on it.</summary>
    private static bool IsValidUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Printable(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
