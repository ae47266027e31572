using System.Text.Json;

namespace OrleansCqrs.EventStore;

public sealed class EventStoreOptions
{
    /// <summary>Largest serialised event, its data and metadata together, in UTF-8 bytes.</summary>
    public int MaxPayloadBytes { get; init; } = 1024 * 1024;

    /// <summary>Largest serialised append request, every event's data and metadata together, in UTF-8 bytes.</summary>
    public long MaxAppendBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Most events in one append request.</summary>
    public int MaxEventsPerAppend { get; init; } = 10_000;

    /// <summary>
    /// Run concurrent appends to different streams in one transaction, each still checked and
    /// answered on its own. Turn off only to measure the difference.
    /// </summary>
    public bool GroupCommit { get; init; } = true;

    /// <summary>Most append requests committed together.</summary>
    public int MaxGroupSize { get; init; } = 128;

    /// <summary>Group transactions in flight at once.</summary>
    public int MaxConcurrentGroups { get; init; } = 2;

    /// <summary>How payloads are written; <see cref="StoredJson.Options"/> (public fields included) unless set.</summary>
    public JsonSerializerOptions JsonOptions { get; init; } = StoredJson.Options;

    /// <summary>Refuses settings the store cannot work with, naming the setting.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPayloadBytes, 1, nameof(MaxPayloadBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEventsPerAppend, 1, nameof(MaxEventsPerAppend));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAppendBytes, MaxPayloadBytes, nameof(MaxAppendBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxGroupSize, 1, nameof(MaxGroupSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentGroups, 1, nameof(MaxConcurrentGroups));
        ArgumentNullException.ThrowIfNull(JsonOptions, nameof(JsonOptions));
    }
}
