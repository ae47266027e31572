namespace OrleansCqrs.EventSourcing.Snapshots;

/// <summary>
/// The schema version of a state type's snapshots (1 when absent). Bump it when the meaning of the state changes
/// without its shape changing; a shape change is detected on its own (<see cref="StateShape"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class StateSchemaVersionAttribute(int version) : Attribute
{
    public int Version { get; } = version;
}
