using Npgsql;
using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.Banking.Transfers;
using OrleansCqrs.EventSourcing.Tests.Infrastructure;

namespace OrleansCqrs.EventSourcing.Tests;

public sealed class ThreeSiloCluster : BankingCluster
{
    protected override short Silos => 3;

    // The in-memory reminder table dies with the silo that holds it: keep Orleans redelivering (its default) instead.
    protected override TimeSpan? MaxDeliveryTime => null;
}

[CollectionDefinition(Name)]
public sealed class ThreeSiloCollection : ICollectionFixture<ThreeSiloCluster>
{
    public const string Name = "three silos";
}

[Collection(ThreeSiloCollection.Name)]
public sealed class SiloFailureTests(ThreeSiloCluster cluster)
{
    private readonly Bank _bank = new(cluster.Grains);

    [Fact]
    public async Task Every_acknowledged_event_appears_exactly_once_in_every_read_model_after_a_silo_dies()
    {
        var accounts = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            accounts.Add(await _bank.OpenAccountAsync(deposit: 1000m));
        }

        var acknowledged = 0;
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var (a, b) = (accounts[random.Next(accounts.Count)], accounts[random.Next(accounts.Count)]);
                    var accepted = random.Next(3) == 0 && a != b
                        ? (await cluster.Grains.GetGrain<ITransferGrain>(Bank.NewId("t")).Execute(new TransferFunds(Bank.CommandId(), a, b, 1m))).Command.Accepted
                        : (await _bank.Account(a).Deposit(new DepositFunds(Bank.CommandId(), 1m))).Accepted;
                    if (accepted)
                    {
                        Interlocked.Increment(ref acknowledged);
                    }
                }
                catch (Exception)
                {
                    // Calls caught by the dying silo fail; they are simply not acknowledged.
                }
            }
        })).ToList();

        await Poll.UntilAsync(() => Task.FromResult(Volatile.Read(ref acknowledged) >= 100), TimeSpan.FromSeconds(60), "load before the kill");
        await cluster.Cluster.KillSiloAsync(cluster.Cluster.SecondarySilos[0]);
        var atKill = Volatile.Read(ref acknowledged);
        await Poll.UntilAsync(() => Task.FromResult(Volatile.Read(ref acknowledged) >= atKill + 100), TimeSpan.FromSeconds(90), "load after the kill");
        stop.Cancel();
        await Task.WhenAll(load);

        await ReadModelAssertions.CaughtUpAsync(cluster.Grains, TimeSpan.FromSeconds(120));

        // Each account's ledger holds its stream's versions exactly once, and the summary its folded balance.
        await using var connection = new NpgsqlConnection(cluster.Database.OwnerConnectionString);
        await connection.OpenAsync();
        foreach (var account in accounts)
        {
            var stream = $"account-{account}";
            var (versions, distinct, maxVersion) = await ScalarsAsync(connection,
                "select count(*), count(distinct version), coalesce(max(version), 0) from readmodels.account_transactions where tenant_id = 'default' and account_id = $1", account);
            var streamVersion = (await ScalarsAsync(connection, "select version, 0, 0 from eventstore.streams where tenant_id = 'default' and stream_id = $1", stream)).Item1;
            Assert.Equal((streamVersion, streamVersion, streamVersion), (versions, distinct, maxVersion));

            var balanceFromEvents = (await _bank.Account(account).GetDetails()).Balance;
            var summary = await cluster.Grains.GetGrain<Banking.Queries.IBankingQueriesGrain>(0).GetAccount("default", account, 0);
            Assert.Equal((balanceFromEvents, streamVersion), (summary!.Balance, summary.Version));
        }

        // The log-following totals count every deposit and credited transfer once.
        var (deposits, _, _) = await ScalarsAsync(connection,
            "select count(*), 0, 0 from eventstore.events where event_type in ('FundsDeposited', 'TransferCredited')", null);
        var (movements, _, _) = await ScalarsAsync(connection, "select coalesce(sum(movements), 0)::bigint, 0, 0 from readmodels.daily_totals", null);
        Assert.Equal(deposits, movements);
    }

    private static async Task<(long, long, long)> ScalarsAsync(NpgsqlConnection connection, string sql, string? parameter)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (Convert.ToInt64(reader.GetValue(0)), Convert.ToInt64(reader.GetValue(1)), Convert.ToInt64(reader.GetValue(2)));
    }
}
