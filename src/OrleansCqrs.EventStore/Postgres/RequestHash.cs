using System.Security.Cryptography;
using System.Text;

namespace OrleansCqrs.EventStore.Postgres;

/// <summary>
/// Fingerprint of what an append writes, stored with its idempotency key so that a reuse of the key
/// for other events is told apart from a retry. Event ids and metadata are left out: a retry may
/// carry fresh ones for the same facts.
/// </summary>
internal static class RequestHash
{
    public static byte[] Of(IReadOnlyList<SerializedEvent> events)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[4];
        foreach (var e in events)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(e.EventType));
            hash.AppendData([0]);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(number, e.SchemaVersion);
            hash.AppendData(number);
            hash.AppendData(Encoding.UTF8.GetBytes(e.Data));
            hash.AppendData([0]);
        }

        return hash.GetHashAndReset();
    }
}
