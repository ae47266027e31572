namespace OrleansCqrs.EventStore;

/// <summary>The values are stored in SQL (append_events' p_expected_kind): never renumber them.</summary>
public enum ExpectedVersionKind : short
{
    Any = 0,
    NoStream = 1,
    StreamExists = 2,
    Exactly = 3,
}
