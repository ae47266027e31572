using OrleansCqrs.EventStore.Postgres;
using OrleansCqrs.Testing;

namespace OrleansCqrs.EventStore.Tests.Infrastructure;

/// <summary>Stores on the test events' registry unless a test brings its own.</summary>
public static class TestDatabaseStores
{
    public static PostgresEventStore CreateStore(this TestDatabase database, EventStoreOptions? options = null, string? connectionString = null) =>
        database.CreateStore(TestEvents.Registry(), options, connectionString);
}
