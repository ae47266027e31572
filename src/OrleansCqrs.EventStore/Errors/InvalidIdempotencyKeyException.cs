namespace OrleansCqrs.EventStore;

public sealed class InvalidIdempotencyKeyException(string? key, string reason)
    : InvalidRequestException($"Invalid idempotency key '{key}': {reason}.")
{
    public string? Key { get; } = key;
}
