namespace OrleansCqrs.EventSourcing.LogConsistency;

public sealed class EventStoreLogConsistencyOptions
{
    /// <summary>
    /// How long a load or an append may keep retrying an unreachable store before the command fails
    /// with <see cref="StoreUnavailableException"/> or <see cref="CommandOutcomeUnknownException"/>.
    /// </summary>
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Events read per round trip when an aggregate loads or catches up.</summary>
    public int ReadPageSize { get; set; } = 5000;

    /// <summary>
    /// How many recent command ids an aggregate remembers to answer retries with their first outcome (they travel in
    /// its snapshots). An older id is still caught by the store's idempotency key, as <c>command_id_reused</c>
    /// unless the decision repeats exactly.
    /// </summary>
    public int RememberedCommands { get; set; } = 256;

    internal void Validate()
    {
        if (StoreTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(StoreTimeout), StoreTimeout, "StoreTimeout must be positive.");
        }

        if (ReadPageSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ReadPageSize), ReadPageSize, "ReadPageSize must be at least 1.");
        }

        if (RememberedCommands < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(RememberedCommands), RememberedCommands, "RememberedCommands cannot be negative.");
        }
    }
}
