using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OrleansCqrs.EventStore;
using OrleansCqrs.EventStore.Postgres;

namespace OrleansCqrs.EventSourcing.Hosting;

public static class EventStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="PostgresEventStore"/> (and its <see cref="EventTypeRegistry"/>) for the process.
    /// The schema must exist already: migrations run as the database owner, the store as a least-privilege role.
    /// </summary>
    public static IServiceCollection AddPostgresEventStore(
        this IServiceCollection services,
        string connectionString,
        Func<EventTypeRegistry, EventTypeRegistry> registerEvents,
        EventStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        services.AddSingleton(_ => registerEvents(new EventTypeRegistry()));
        // The store keeps a pool of its own: projections, read models and snapshots (the NpgsqlDataSource
        // service) can then never starve the appends commands wait for.
        services.AddSingleton(_ => ReadModelDataSource.Create(connectionString));
        services.AddSingleton(sp => PostgresEventStore.Create(connectionString, sp.GetRequiredService<EventTypeRegistry>(), options));
        services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<PostgresEventStore>());
        return services;
    }
}
