namespace OrleansCqrs.EventStore;

public sealed class UnregisteredEventTypeException(Type clrType)
    : InvalidRequestException($"Event type {clrType.FullName} is not registered: register it with EventTypeRegistry.Register<T>(name, schemaVersion).")
{
    public Type ClrType { get; } = clrType;
}
