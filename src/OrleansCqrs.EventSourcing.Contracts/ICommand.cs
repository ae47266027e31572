namespace OrleansCqrs.EventSourcing;

/// <summary>A request to change one aggregate. Its id is the idempotency key: a retry with the same id gets the first outcome.</summary>
public interface ICommand
{
    string CommandId { get; }
}
