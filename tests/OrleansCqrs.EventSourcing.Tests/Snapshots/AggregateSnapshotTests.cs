using Npgsql;
using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.EventSourcing.Aggregates;
using OrleansCqrs.EventSourcing.Snapshots;
using OrleansCqrs.EventSourcing.Tests.Infrastructure;

namespace OrleansCqrs.EventSourcing.Tests.Snapshots;

[Collection(BankingClusterCollection.Name)]
public sealed class AggregateSnapshotTests(BankingCluster cluster)
{
    private readonly Bank _bank = new(cluster.Grains);

    [Fact]
    public async Task Snapshots_are_taken_every_hundred_events_and_compacted_to_the_newest_two()
    {
        var id = await _bank.OpenAccountAsync();
        await DepositAsync(id, 349); // versions 2..350

        await Poll.UntilAsync(async () => (await VersionsAsync(id)).SequenceEqual([300L, 200L]), TimeSpan.FromSeconds(30), "snapshots at 300 and 200 only");
        var before = await _bank.Account(id).GetDetails();
        await cluster.DeactivateAllAsync();

        Assert.Equal(before, await _bank.Account(id).GetDetails());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Compaction_keeps_exactly_the_newest_K(int keep)
    {
        var id = Bank.NewId("cmp");
        await using var dataSource = EventStore.Postgres.EventStoreDataSource.Create(cluster.Database.ApplicationConnectionString);
        var store = new SnapshotStore(dataSource);
        for (var version = 1; version <= 6; version++)
        {
            await store.WriteAsync(SnapshotCodec.Encode("default", $"account-{id}", version, new V1.Counter(version, "c"), typeof(V1.Counter)), keep);
        }

        Assert.Equal(Enumerable.Range(7 - keep, keep).Reverse().Select(v => (long)v), await VersionsAsync(id));
    }

    [Fact]
    public async Task Loading_starts_from_the_newest_snapshot_and_replays_only_the_tail()
    {
        var id = await _bank.OpenAccountAsync();
        await DepositAsync(id, 104); // versions 2..105; a snapshot at 100
        await Poll.UntilAsync(async () => (await VersionsAsync(id)).Contains(100L), TimeSpan.FromSeconds(30), "the snapshot at 100");

        // A forged but valid snapshot at 100: if loading starts from it, its balance shows through.
        var forged = new AggregateView<AccountState> { Current = (await _bank.Account(id).GetDetails()) is var d ? new AccountState(AccountStatus.Open, d.CustomerId, d.Currency, 5000m, d.OverdraftLimit) : null };
        await ReplaceSnapshotAsync(id, 100, SnapshotCodec.Encode(
            "default", $"account-{id}", 100, new AggregateSnapshot<AggregateView<AccountState>>(forged, []), typeof(AggregateView<AccountState>)));
        await cluster.DeactivateAllAsync();

        var loaded = await _bank.Account(id).GetDetails();

        Assert.Equal((5000m + 5m, 105L), (loaded.Balance, loaded.Version)); // forged 5,000 + the tail's five deposits of 1
    }

    [Fact]
    public async Task A_grain_deactivated_well_past_its_last_snapshot_takes_one_on_the_way_out()
    {
        var id = await _bank.OpenAccountAsync();
        await DepositAsync(id, 30); // version 31: the interval (100) is not reached
        using var written = new CounterReading("orleanscqrs.snapshots.written");

        await cluster.DeactivateAllAsync();
        await Poll.UntilAsync(async () => (await VersionsAsync(id)).SequenceEqual([31L]), TimeSpan.FromSeconds(30), "a snapshot at 31");
        await Poll.UntilAsync(() => Task.FromResult(written.Total("reason", "deactivation") >= 1), TimeSpan.FromSeconds(10), "the snapshot counted as taken on deactivation");
        Assert.Equal(30m, (await _bank.Account(id).GetDetails()).Balance);
    }

    [Fact]
    public async Task An_activation_over_its_replay_budget_takes_a_snapshot_at_once()
    {
        // 1,201 events written behind the grains' back: no interval snapshot was ever taken.
        var id = Bank.NewId("acc");
        await using var store = cluster.Database.CreateStore(Banking.BankingEventTypes.Create());
        await store.AppendAsync("default", $"account-{id}", EventStore.ExpectedVersion.NoStream, [new(new AccountOpened("c", "EUR", 0m))]);
        await store.AppendAsync("default", $"account-{id}", EventStore.ExpectedVersion.Exactly(1),
            Enumerable.Range(0, 1200).Select(_ => new EventStore.NewEvent(new FundsDeposited(1m))).ToList());
        using var written = new CounterReading("orleanscqrs.snapshots.written");

        Assert.Equal(1200m, (await _bank.Account(id).GetDetails()).Balance);

        await Poll.UntilAsync(async () => (await VersionsAsync(id)).SequenceEqual([1201L]), TimeSpan.FromSeconds(30), "a snapshot at 1201");
        await Poll.UntilAsync(() => Task.FromResult(written.Total("reason", "replay_budget") >= 1), TimeSpan.FromSeconds(10), "the snapshot counted as the replay budget's");
    }

    [Fact]
    public async Task Corrupted_snapshot_is_ignored_and_the_state_rebuilt_from_events()
    {
        var id = await _bank.OpenAccountAsync();
        await DepositAsync(id, 110); // 11 events past the snapshot: too few for one on deactivation
        await Poll.UntilAsync(async () => (await VersionsAsync(id)).Contains(100L), TimeSpan.FromSeconds(30), "the snapshot at 100");
        var before = await _bank.Account(id).GetDetails();
        using var rejected = new CounterReading("orleanscqrs.snapshots.rejected");
        await cluster.Database.ExecuteAsOwnerAsync(
            $"update snapshots.snapshots set payload = overlay(payload placing '\\x7b'::bytea from 5) where stream_id = 'account-{id}'");
        await cluster.DeactivateAllAsync();

        var after = await _bank.Account(id).GetDetails();

        Assert.Equal(before, after);
        Assert.True(rejected.Total("reason", "checksum") >= 1, "the rejection was not counted");
    }

    [Theory]
    [InlineData("schema_version", "schema_version = schema_version + 1")]
    [InlineData("shape", "shape_hash = sha256(shape_hash)")]
    [InlineData("state_type", "state_type = state_type || 'Renamed'")]
    public async Task Snapshot_of_another_schema_version_or_shape_is_ignored_by_the_grain(string reason, string change)
    {
        var id = await _bank.OpenAccountAsync();
        await DepositAsync(id, 110);
        await Poll.UntilAsync(async () => (await VersionsAsync(id)).Contains(100L), TimeSpan.FromSeconds(30), "the snapshot at 100");
        var before = await _bank.Account(id).GetDetails();
        // A forged but otherwise valid snapshot: were it used, its balance of 5,000 would show through.
        var forged = new AggregateView<AccountState> { Current = new AccountState(AccountStatus.Open, before.CustomerId, before.Currency, 5000m, before.OverdraftLimit) };
        await ReplaceSnapshotAsync(id, 100, SnapshotCodec.Encode(
            "default", $"account-{id}", 100, new AggregateSnapshot<AggregateView<AccountState>>(forged, []), typeof(AggregateView<AccountState>)));
        using var rejected = new CounterReading("orleanscqrs.snapshots.rejected");
        await cluster.Database.ExecuteAsOwnerAsync($"update snapshots.snapshots set {change} where stream_id = 'account-{id}'");
        await cluster.DeactivateAllAsync();

        var after = await _bank.Account(id).GetDetails();

        Assert.Equal(before, after);
        Assert.True(rejected.Total("reason", reason) >= 1, $"the rejection was not counted as {reason}");
    }

    [Fact]
    public async Task A_failing_snapshot_store_does_not_fail_commands()
    {
        var id = await _bank.OpenAccountAsync();
        using var failures = new CounterReading("orleanscqrs.snapshots.write_failures");
        await cluster.Database.ExecuteAsOwnerAsync("revoke insert on snapshots.snapshots from orleanscqrs_writer");
        try
        {
            await DepositAsync(id, 150); // crosses 100: a snapshot write is attempted and refused
            await Poll.UntilAsync(() => Task.FromResult(failures.Total() >= 1), TimeSpan.FromSeconds(30), "the failed snapshot write to be counted");
        }
        finally
        {
            await cluster.Database.ExecuteAsOwnerAsync("grant insert on snapshots.snapshots to orleanscqrs_writer");
        }

        Assert.Equal(151, (await _bank.Account(id).GetDetails()).Version);
        Assert.Empty(await VersionsAsync(id));
    }

    [Fact]
    public async Task Projection_grain_snapshots_its_state_and_goes_on_from_it_after_reactivation()
    {
        var id = await _bank.OpenAccountAsync();
        await DepositAsync(id, 149); // versions 2..150
        var stream = $"account-transactions-{id}";
        // Events may reach the projection in batches, so its snapshot lands at the first save 100 or more events in.
        await Poll.UntilAsync(async () => (await VersionsAsync(id, stream)).Any(v => v >= 100), TimeSpan.FromSeconds(30), "the ledger projection's snapshot");

        await cluster.DeactivateAllAsync();
        await _bank.Account(id).Deposit(new DepositFunds(Bank.CommandId(), 7m));

        var queries = cluster.Grains.GetGrain<Banking.Queries.IBankingQueriesGrain>(0);
        await Poll.UntilAsync(async () => (await queries.GetAccount("default", id, 1))?.RecentTransactions.FirstOrDefault()?.Version == 151,
            TimeSpan.FromSeconds(30), "the ledger row of version 151");
        var newest = (await queries.GetAccount("default", id, 1))!.RecentTransactions[0];
        Assert.Equal((7m, 149m + 7m), (newest.Amount, newest.BalanceAfter));
    }

    private async Task DepositAsync(string id, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var result = await _bank.Account(id).Deposit(new DepositFunds(Bank.CommandId(), 1m));
            Assert.True(result.Accepted, result.Error?.ToString());
        }
    }

    private async Task<List<long>> VersionsAsync(string id, string? stream = null)
    {
        await using var connection = new NpgsqlConnection(cluster.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select version from snapshots.snapshots where stream_id = $1 order by version desc", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream ?? $"account-{id}" });
        var versions = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt64(0));
        }

        return versions;
    }

    private async Task ReplaceSnapshotAsync(string id, long version, StoredSnapshot snapshot)
    {
        await using var connection = new NpgsqlConnection(cluster.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "update snapshots.snapshots set payload = $3, checksum = $4 where stream_id = $1 and version = $2", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"account-{id}" });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = snapshot.Payload });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = snapshot.Checksum });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
