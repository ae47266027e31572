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
        // One pool for the store, the stream provider's checkpoints and the read models.
        services.AddSingleton(_ => EventStoreDataSource.Create(connectionString));
        services.AddSingleton(sp => new PostgresEventStore(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<EventTypeRegistry>(), options));
        services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<PostgresEventStore>());
        return services;
    }
}
