using CsCheck;
using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.EventSourcing;

namespace OrleansCqrs.Banking.Tests;

/// <summary>Random account command sequences: an opening, then deposits, withdrawals (some too large) and the odd close.</summary>
public static class AccountCommandsGen
{
    private static readonly Gen<decimal> Amount = Gen.Int[1, 50_000].Select(cents => cents / 100m);

    private static readonly Gen<ICommand> Command = Gen.Frequency(
        (5, Amount.Select(a => (ICommand)new DepositFunds(Guid.NewGuid().ToString("N"), a))),
        (4, Amount.Select(a => (ICommand)new WithdrawFunds(Guid.NewGuid().ToString("N"), a))),
        (1, Gen.Const(0).Select(_ => (ICommand)new CloseAccount(Guid.NewGuid().ToString("N")))));

    public static readonly Gen<(OpenAccount Open, ICommand[] Commands)> Scenario =
        Gen.Select(
            Gen.Int[0, 500].Select(limit => new OpenAccount(Guid.NewGuid().ToString("N"), "cust", "EUR", limit)),
            Command.Array[0, 40]);

    /// <summary>Pure: decides one command on a state.</summary>
    public static EventSourcing.Aggregates.Decision<IAccountEvent> Decide(AccountState state, ICommand command) => command switch
    {
        DepositFunds deposit => Account.Deposit(state, deposit),
        WithdrawFunds withdraw => Account.Withdraw(state, withdraw),
        CloseAccount close => Account.Close(state, close),
        OpenAccount open => Account.Open(state, open, customerIsRegistered: true),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };
}
