using CsCheck;
using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.EventSourcing;

namespace OrleansCqrs.Banking.Tests;

public sealed class AccountPropertyTests
{
    [Fact]
    public void Rebuilding_from_the_events_gives_the_decided_state_every_time() =>
        AccountCommandsGen.Scenario.Sample(scenario =>
        {
            var (live, events) = Run(scenario.Open, scenario.Commands);

            var first = events.Aggregate(AccountState.Initial, Account.Evolve);
            var second = events.Aggregate(AccountState.Initial, Account.Evolve);

            Assert.Equal(live, first);
            Assert.Equal(first, second);
        }, iter: 2000);

    [Fact]
    public void No_sequence_takes_the_balance_beyond_the_overdraft_or_moves_a_closed_account() =>
        AccountCommandsGen.Scenario.Sample(scenario =>
        {
            var state = AccountState.Initial;
            foreach (var command in scenario.Commands.Prepend(scenario.Open))
            {
                var before = state;
                var decision = AccountCommandsGen.Decide(state, command);
                state = decision.Events.Aggregate(state, Account.Evolve);

                Assert.True(state.Balance >= -state.OverdraftLimit, $"balance {state.Balance} beyond limit {state.OverdraftLimit}");
                if (before.Status == AccountStatus.Closed)
                {
                    Assert.Equal(before, state);
                }
            }
        }, iter: 2000);

    public static (AccountState State, List<IAccountEvent> Events) Run(OpenAccount open, IEnumerable<ICommand> commands)
    {
        var state = AccountState.Initial;
        var events = new List<IAccountEvent>();
        foreach (var command in commands.Prepend(open))
        {
            var decision = AccountCommandsGen.Decide(state, command);
            events.AddRange(decision.Events);
            state = decision.Events.Aggregate(state, Account.Evolve);
        }

        return (state, events);
    }
}
