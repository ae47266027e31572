namespace OrleansCqrs.EventSourcing;

/// <summary>
/// Base of the errors an aggregate grain raises when its event store fails it (as opposed to a
/// domain refusal, which is a <see cref="CommandResult"/>). Carries a stable code for clients.
/// </summary>
[GenerateSerializer]
public abstract class AggregateStoreException : Exception
{
    protected AggregateStoreException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    [Id(0)]
    public string Code { get; private set; }
}
