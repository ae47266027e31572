using Npgsql;

namespace OrleansCqrs.LocalPostgres.Tests;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task Missing_binaries_give_one_message_saying_how_to_install()
    {
        var empty = Directory.CreateTempSubdirectory("no-postgres-");
        try
        {
            var error = await Assert.ThrowsAsync<PostgresNotInstalledException>(() => PostgresServer.StartAsync(new PostgresServerOptions
            {
                ExternalConnectionString = null,
                BinDirectory = empty.FullName,
            }));

            Assert.Contains("apt-get install -y postgresql", error.Message);
            Assert.Contains(PostgresServer.ConnectionVariable, error.Message);
            Assert.Contains(empty.FullName, error.Message);
        }
        finally
        {
            empty.Delete();
        }
    }

    [Fact]
    public async Task External_connection_string_is_used_as_given_and_nothing_is_started()
    {
        await using var server = await PostgresServer.StartAsync(new PostgresServerOptions { ExternalConnectionString = "Host=db.example;Username=app" });

        Assert.False(server.IsPrivate);
        Assert.Equal("Host=db.example;Username=app", server.ConnectionString);
    }

    [Fact]
    public async Task Private_cluster_with_a_data_directory_keeps_its_data_across_restarts()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "orleanscqrs-persist-" + Guid.NewGuid().ToString("N"));
        var options = new PostgresServerOptions { ExternalConnectionString = null, DataDirectory = dataDirectory };
        try
        {
            await using (var first = await PostgresServer.StartAsync(options))
            {
                Assert.True(first.IsPrivate);
                await ExecuteAsync(first.ConnectionString, "create table kept (value int); insert into kept values (42)");
            }

            await using var second = await PostgresServer.StartAsync(options);
            Assert.Equal(42, await ExecuteAsync(second.ConnectionString, "select value from kept"));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<object?> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
