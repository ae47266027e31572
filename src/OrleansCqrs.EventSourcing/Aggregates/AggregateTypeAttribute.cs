namespace OrleansCqrs.EventSourcing.Aggregates;

/// <summary>
/// Names the streams of a grain class's aggregates (<c>{name}-{id}</c>) independently of its grain type,
/// so a grain type can be renamed, or a second grain class can serve the same streams.
/// Without it the grain type is the name.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AggregateTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
