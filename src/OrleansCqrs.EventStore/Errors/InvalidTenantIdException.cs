namespace OrleansCqrs.EventStore;

public sealed class InvalidTenantIdException(string? tenantId, string reason)
    : InvalidRequestException($"Invalid tenant id '{tenantId}': {reason}.")
{
    public string? TenantId { get; } = tenantId;
}
