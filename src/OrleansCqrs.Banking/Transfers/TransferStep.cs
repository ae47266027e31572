using OrleansCqrs.EventSourcing;

namespace OrleansCqrs.Banking.Transfers;

/// <summary>The transfer's own record of a step; its id is derived from the transfer id, so recording it twice is a no-op.</summary>
internal sealed record TransferStep(string CommandId) : ICommand;
