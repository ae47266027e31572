namespace OrleansCqrs.EventStore;

/// <summary>PostgreSQL refused the append (a constraint or trigger of the database); nothing was appended.</summary>
public sealed class AppendRejectedException(string tenantId, string streamId, Npgsql.PostgresException innerException)
    : EventStoreException(
        $"PostgreSQL rejected the append to stream '{streamId}' of tenant '{tenantId}' ({innerException.SqlState}: {innerException.MessageText}). Nothing was appended.",
        innerException)
{
    public string TenantId { get; } = tenantId;

    public string StreamId { get; } = streamId;

    public string SqlState { get; } = innerException.SqlState;
}
