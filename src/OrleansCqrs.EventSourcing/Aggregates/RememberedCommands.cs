namespace OrleansCqrs.EventSourcing.Aggregates;

/// <summary>
/// The stream versions written by the most recent commands of one aggregate, read back from the
/// events' metadata, so a retried command id is answered with its first outcome instead of being
/// decided again. Bounded: the oldest ids are forgotten first.
/// </summary>
internal sealed class RememberedCommands(int capacity)
{
    private readonly Dictionary<string, long> _lastVersionByCommand = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>
    /// True while every command id applied to the stream is remembered (nothing forgotten, nothing started from a
    /// snapshot): an id not found is then certainly new, and the store need not be asked.
    /// </summary>
    public bool IsComplete { get; private set; } = true;

    public void Record(string? commandId, long version)
    {
        if (commandId is null)
        {
            return;
        }

        if (capacity == 0)
        {
            IsComplete = false;
            return;
        }

        if (_lastVersionByCommand.TryAdd(commandId, version))
        {
            _order.Enqueue(commandId);
            if (_order.Count > capacity)
            {
                _lastVersionByCommand.Remove(_order.Dequeue());
                IsComplete = false;
            }
        }
        else
        {
            // Several events of one command: the outcome is the version after its last event.
            _lastVersionByCommand[commandId] = version;
        }
    }

    /// <summary>Oldest first, as <see cref="Record"/> received them.</summary>
    public List<Snapshots.RememberedCommand> Export() => _order.Select(id => new Snapshots.RememberedCommand(id, _lastVersionByCommand[id])).ToList();

    public void Import(IEnumerable<Snapshots.RememberedCommand> commands)
    {
        IsComplete = false;
        foreach (var command in commands)
        {
            Record(command.Id, command.Version);
        }
    }

    public bool TryGetVersion(string commandId, out long version) =>
        _lastVersionByCommand.TryGetValue(commandId, out version);
}
