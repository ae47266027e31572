using OrleansCqrs.LocalPostgres;

namespace OrleansCqrs.Testing;

/// <summary>One PostgreSQL server for the whole test run (private unless ORLEANSCQRS_CONNECTION is set), stopped at exit.</summary>
public static class SharedPostgres
{
    private static readonly Lazy<Task<PostgresServer>> Server = new(StartAsync);

    public static Task<PostgresServer> GetAsync() => Server.Value;

    /// <summary>Drops a test's database (and its login role), so runs against a shared server leave nothing behind.</summary>
    public static async Task DropDatabaseAsync(string database, string? loginRole = null)
    {
        var server = await GetAsync();
        var sql = $"drop database if exists {database} with (force)";
        if (loginRole is not null)
        {
            sql += $"; drop role if exists {loginRole}";
        }

        await Sql.ExecuteAsync(server.ConnectionString, sql);
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var server = await PostgresServer.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }
}
