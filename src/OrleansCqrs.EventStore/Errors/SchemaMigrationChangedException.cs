namespace OrleansCqrs.EventStore;

/// <summary>A migration this database has applied differs from the one shipped: migrations are append-only.</summary>
public sealed class SchemaMigrationChangedException(IReadOnlyList<string> migrations)
    : EventStoreException(
        $"Migration(s) {string.Join(", ", migrations)} changed after this database applied them. Migrations are append-only: " +
        "ship the change as a new numbered migration. (A development database can simply be dropped and created again.)")
{
    public IReadOnlyList<string> Migrations { get; } = migrations;
}
