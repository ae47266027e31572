namespace OrleansCqrs.EventStore;

public enum ReadDirection
{
    Forwards,
    Backwards,
}
