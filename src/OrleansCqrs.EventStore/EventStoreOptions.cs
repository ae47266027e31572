using System.Text.Json;

namespace OrleansCqrs.EventStore;

public sealed class EventStoreOptions
{
    /// <summary>Largest serialised payload of one event, in UTF-8 bytes.</summary>
    public int MaxPayloadBytes { get; init; } = 1024 * 1024;

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

    public JsonSerializerOptions JsonOptions { get; init; } = new(JsonSerializerDefaults.Web);

    /// <summary>Refuses settings the store cannot work with, naming the setting.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPayloadBytes, 1, nameof(MaxPayloadBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEventsPerAppend, 1, nameof(MaxEventsPerAppend));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxGroupSize, 1, nameof(MaxGroupSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentGroups, 1, nameof(MaxConcurrentGroups));
        ArgumentNullException.ThrowIfNull(JsonOptions, nameof(JsonOptions));
    }
}
