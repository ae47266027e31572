using OrleansCqrs.LocalPostgres;

namespace OrleansCqrs.EventStore.Tests.Infrastructure;

/// <summary>One PostgreSQL server for the whole test run (private unless ORLEANSCQRS_CONNECTION is set), stopped at exit.</summary>
public static class SharedPostgres
{
    private static readonly Lazy<Task<PostgresServer>> Server = new(StartAsync);

    public static Task<PostgresServer> GetAsync() => Server.Value;

    private static async Task<PostgresServer> StartAsync()
    {
        var server = await PostgresServer.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }
}
