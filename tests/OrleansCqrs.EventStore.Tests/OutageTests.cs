using System.Net;
using System.Net.Sockets;
using Npgsql;
using OrleansCqrs.EventStore.Tests.Infrastructure;

namespace OrleansCqrs.EventStore.Tests;

public sealed class OutageTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Unreachable_database_fails_the_append_with_a_clear_error_instead_of_hanging()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(database.ApplicationConnectionString)
        {
            Port = ClosedLoopbackPort(),
            Timeout = 3,
        };
        var store = database.CreateStore(connectionString: unreachable.ConnectionString);

        var error = await Assert.ThrowsAsync<EventStoreUnavailableException>(
            () => store.AppendAsync("tenant-a", "account-outage", ExpectedVersion.Any, [TestEvents.Deposit()]));

        Assert.Contains("Nothing was appended", error.Message);
        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(database.ApplicationConnectionString).Password!, error.Message);
        Assert.Equal(0, await database.CountEventsAsync("tenant-a", "account-outage"));
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
