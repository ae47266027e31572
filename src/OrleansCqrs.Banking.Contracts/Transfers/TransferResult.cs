using OrleansCqrs.EventSourcing;

namespace OrleansCqrs.Banking.Transfers;

/// <summary>The transfer command's own outcome (refused when invalid) and where the transfer ended up.</summary>
[GenerateSerializer, Immutable]
public sealed record TransferResult([property: Id(0)] CommandResult Command, [property: Id(1)] TransferDetails Transfer);
