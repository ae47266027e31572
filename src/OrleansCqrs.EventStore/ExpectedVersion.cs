namespace OrleansCqrs.EventStore;

/// <summary>What the writer believes about the stream's version; checked under the stream's lock.</summary>
public readonly record struct ExpectedVersion
{
    private ExpectedVersion(ExpectedVersionKind kind, long version)
    {
        Kind = kind;
        Version = version;
    }

    public ExpectedVersionKind Kind { get; }

    /// <summary>The stream version required when <see cref="Kind"/> is <see cref="ExpectedVersionKind.Exactly"/>.</summary>
    public long Version { get; }

    public static ExpectedVersion Any => new(ExpectedVersionKind.Any, 0);

    public static ExpectedVersion NoStream => new(ExpectedVersionKind.NoStream, 0);

    public static ExpectedVersion StreamExists => new(ExpectedVersionKind.StreamExists, 0);

    /// <summary>The stream must be at exactly this version; 0 means it must have no events yet.</summary>
    public static ExpectedVersion Exactly(long version) =>
        version < 0 ? throw new InvalidExpectedVersionException(version) : new(ExpectedVersionKind.Exactly, version);

    public override string ToString() => Kind switch
    {
        ExpectedVersionKind.Any => "any",
        ExpectedVersionKind.NoStream => "no stream",
        ExpectedVersionKind.StreamExists => "stream exists",
        _ => $"exactly {Version}",
    };
}
