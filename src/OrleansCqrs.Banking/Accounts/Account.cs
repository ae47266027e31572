using OrleansCqrs.EventSourcing;
using OrleansCqrs.EventSourcing.Aggregates;

namespace OrleansCqrs.Banking.Accounts;

/// <summary>The account's rules: pure functions of state, command and what the caller looked up.</summary>
public static class Account
{
    public static Decision<IAccountEvent> Open(AccountState state, OpenAccount command, bool customerIsRegistered)
    {
        if (MoneyRules.CheckCurrency(command.Currency) is { } badCurrency) return badCurrency;
        if (MoneyRules.CheckOverdraftLimit(command.OverdraftLimit) is { } badLimit) return badLimit;
        if (state.Status != AccountStatus.NotOpened)
        {
            return Decision<IAccountEvent>.Reject(BankingErrors.AccountAlreadyOpen, "This account has already been opened.");
        }

        if (!customerIsRegistered)
        {
            return Decision<IAccountEvent>.Reject(BankingErrors.CustomerNotFound, $"Customer '{command.CustomerId}' is not registered.");
        }

        return Decision<IAccountEvent>.Accept(new AccountOpened(command.CustomerId, command.Currency, command.OverdraftLimit));
    }

    public static Decision<IAccountEvent> Deposit(AccountState state, DepositFunds command)
    {
        if (MoneyRules.CheckAmount(command.Amount) is { } badAmount) return badAmount;
        if (RefuseUnlessOpen(state) is { } notOpen) return notOpen;
        return Decision<IAccountEvent>.Accept(new FundsDeposited(command.Amount));
    }

    public static Decision<IAccountEvent> Withdraw(AccountState state, WithdrawFunds command)
    {
        if (MoneyRules.CheckAmount(command.Amount) is { } badAmount) return badAmount;
        if (RefuseUnlessOpen(state) is { } notOpen) return notOpen;
        if (RefuseBeyondLimit(state, command.Amount) is { } insufficient) return insufficient;
        return Decision<IAccountEvent>.Accept(new FundsWithdrawn(command.Amount));
    }

    public static Decision<IAccountEvent> Close(AccountState state, CloseAccount command)
    {
        if (RefuseUnlessOpen(state) is { } notOpen) return notOpen;
        if (state.Balance != 0m)
        {
            return Decision<IAccountEvent>.Reject(BankingErrors.BalanceNotZero, $"The balance is {state.Balance} {state.Currency}; an account closes only at zero.");
        }

        return Decision<IAccountEvent>.Accept(new AccountClosed());
    }

    public static Decision<IAccountEvent> Debit(AccountState state, DebitForTransfer command)
    {
        if (MoneyRules.CheckAmount(command.Amount) is { } badAmount) return badAmount;
        if (RefuseUnlessOpen(state) is { } notOpen) return notOpen;
        if (RefuseOtherCurrency(state, command.Currency) is { } mismatch) return mismatch;
        if (RefuseBeyondLimit(state, command.Amount) is { } insufficient) return insufficient;
        return Decision<IAccountEvent>.Accept(new TransferDebited(command.TransferId, command.ToAccountId, command.Amount));
    }

    public static Decision<IAccountEvent> Credit(AccountState state, CreditFromTransfer command)
    {
        if (MoneyRules.CheckAmount(command.Amount) is { } badAmount) return badAmount;
        if (RefuseUnlessOpen(state) is { } notOpen) return notOpen;
        if (RefuseOtherCurrency(state, command.Currency) is { } mismatch) return mismatch;
        return Decision<IAccountEvent>.Accept(new TransferCredited(command.TransferId, command.FromAccountId, command.Amount));
    }

    /// <summary>
    /// Compensation is not refused for a closed account: the money was taken from it and is owed back.
    /// (It can only be closed in between when the debit brought it to exactly zero.)
    /// </summary>
    public static Decision<IAccountEvent> ReverseDebit(AccountState state, ReverseTransferDebit command)
    {
        if (MoneyRules.CheckAmount(command.Amount) is { } badAmount) return badAmount;
        if (state.Status == AccountStatus.NotOpened)
        {
            return Decision<IAccountEvent>.Reject(BankingErrors.AccountNotOpen, "This account has not been opened.");
        }

        return Decision<IAccountEvent>.Accept(new TransferDebitReversed(command.TransferId, command.Amount, command.Reason));
    }

    public static AccountState Evolve(AccountState state, IAccountEvent @event) => @event switch
    {
        AccountOpened opened => state with
        {
            Status = AccountStatus.Open,
            CustomerId = opened.CustomerId,
            Currency = opened.Currency,
            OverdraftLimit = opened.OverdraftLimit,
        },
        FundsDeposited deposited => state with { Balance = state.Balance + deposited.Amount },
        FundsWithdrawn withdrawn => state with { Balance = state.Balance - withdrawn.Amount },
        TransferDebited debited => state with { Balance = state.Balance - debited.Amount },
        TransferCredited credited => state with { Balance = state.Balance + credited.Amount },
        TransferDebitReversed reversed => state with { Balance = state.Balance + reversed.Amount },
        AccountClosed => state with { Status = AccountStatus.Closed },
        _ => state,
    };

    private static DomainError? RefuseUnlessOpen(AccountState state) => state.Status switch
    {
        AccountStatus.Open => null,
        AccountStatus.Closed => new DomainError(BankingErrors.AccountClosed, "This account is closed."),
        _ => new DomainError(BankingErrors.AccountNotOpen, "This account has not been opened."),
    };

    private static DomainError? RefuseOtherCurrency(AccountState state, string currency) =>
        currency == state.Currency
            ? null
            : new DomainError(BankingErrors.CurrencyMismatch, $"This account holds {state.Currency}, not {currency}.");

    private static DomainError? RefuseBeyondLimit(AccountState state, decimal amount) =>
        amount <= state.Available
            ? null
            : new DomainError(
                BankingErrors.InsufficientFunds,
                $"Cannot take {amount} {state.Currency}: the balance is {state.Balance} and the overdraft limit {state.OverdraftLimit}.");
}
