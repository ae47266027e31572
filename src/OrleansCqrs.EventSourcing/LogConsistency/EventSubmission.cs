using Orleans.EventSourcing.Common;

namespace OrleansCqrs.EventSourcing.LogConsistency;

/// <summary>A raised, not yet confirmed event, with the id it keeps across retries and the command that raised it.</summary>
internal sealed class EventSubmission<TEntry> : SubmissionEntry<TEntry>
{
    /// <summary>Marks an entry the adaptor gave up on, so the base class removes it from the pending queue.</summary>
    public const int Abandoned = int.MinValue;

    /// <summary>The position Orleans gives an event raised without a condition (plain RaiseEvent).</summary>
    public const int Unconditional = -1;

    public Guid EventId { get; init; }

    public string? CommandId { get; init; }
}
