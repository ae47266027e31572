namespace OrleansCqrs.EventSourcing;

/// <summary>Why a command was refused: a stable machine-readable code and a message for people.</summary>
[GenerateSerializer, Immutable]
public sealed record DomainError([property: Id(0)] string Code, [property: Id(1)] string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}
