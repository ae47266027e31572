using CsCheck;
using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.Banking.Tests;
using OrleansCqrs.EventSourcing.Aggregates;
using OrleansCqrs.EventSourcing.Snapshots;

namespace OrleansCqrs.EventSourcing.Tests.Snapshots;

public sealed class SnapshotReplayPropertyTests
{
    [Fact]
    public void Snapshot_plus_tail_equals_full_replay_for_random_histories() =>
        Gen.Select(AccountCommandsGen.Scenario, Gen.Int[0, 1000]).Sample((scenario, cut) =>
        {
            var events = AccountPropertyTests.Run(scenario.Open, scenario.Commands).Events;
            var at = events.Count == 0 ? 0 : cut % (events.Count + 1);
            var view = new AggregateView<AccountState> { Current = events.Take(at).Aggregate(AccountState.Initial, Account.Evolve) };

            var stored = SnapshotCodec.Encode("t", "account-p", at, new AggregateSnapshot<AggregateView<AccountState>>(view, []), typeof(AggregateView<AccountState>));
            var (restored, rejection) = SnapshotCodec.Decode<AggregateSnapshot<AggregateView<AccountState>>>(stored, typeof(AggregateView<AccountState>));

            Assert.Null(rejection);
            var fromSnapshot = events.Skip(at).Aggregate(restored!.View.Current ?? AccountState.Initial, Account.Evolve);
            Assert.Equal(events.Aggregate(AccountState.Initial, Account.Evolve), fromSnapshot);
        }, iter: 1000);
}
