namespace OrleansCqrs.EventStore;

public sealed class InvalidExpectedVersionException(long version)
    : InvalidRequestException($"Expected version {version} is invalid: a stream version is never negative.")
{
    public long Version { get; } = version;
}
