namespace OrleansCqrs.EventStore;

/// <summary>
/// A place in the global log. The log is ordered by the appending transaction, then by the
/// position within it; a reader keeps the last one it handled as its checkpoint.
/// </summary>
public readonly record struct GlobalPosition(ulong TransactionId, long Position) : IComparable<GlobalPosition>
{
    /// <summary>Before the first event: reading after it starts at the beginning of the log.</summary>
    public static GlobalPosition Start => new(0, 0);

    public int CompareTo(GlobalPosition other)
    {
        var byTransaction = TransactionId.CompareTo(other.TransactionId);
        return byTransaction != 0 ? byTransaction : Position.CompareTo(other.Position);
    }

    public static bool operator <(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{TransactionId}/{Position}";
}
