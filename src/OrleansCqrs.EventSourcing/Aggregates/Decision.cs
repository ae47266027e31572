namespace OrleansCqrs.EventSourcing.Aggregates;

/// <summary>What pure command logic decided: the events to append, or the reason it refused.</summary>
public sealed class Decision<TEvent>
    where TEvent : class
{
    private Decision(IReadOnlyList<TEvent> events, DomainError? error)
    {
        Events = events;
        Error = error;
    }

    public IReadOnlyList<TEvent> Events { get; }

    public DomainError? Error { get; }

    public bool IsRejected => Error is not null;

    public static Decision<TEvent> Accept(params TEvent[] events) => new(events, null);

    /// <summary>Accepted with nothing to record (the command was already satisfied).</summary>
    public static Decision<TEvent> NothingToDo { get; } = new([], null);

    public static Decision<TEvent> Reject(string code, string message) => new([], new DomainError(code, message));

    public static implicit operator Decision<TEvent>(DomainError error) => new([], error);

    public override string ToString() => IsRejected ? $"rejected {Error}" : $"accepted {Events.Count} event(s)";
}
