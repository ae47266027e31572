namespace OrleansCqrs.EventStore;

public static class StreamVersion
{
    /// <summary>The first event of every stream.</summary>
    public const long First = 1;

    /// <summary>Past the last event: reading backwards from it starts at the newest event.</summary>
    public const long End = long.MaxValue;
}
