using OrleansCqrs.Banking.Accounts;

namespace OrleansCqrs.Banking.Tests;

public sealed class AccountRulesTests
{
    private static readonly AccountState Open = Account.Evolve(AccountState.Initial, new AccountOpened("c1", "EUR", 50m));

    private static AccountState With(decimal balance) => Open with { Balance = balance };

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(0.001)]
    [InlineData(1000000000000.01)]
    public void Amounts_must_be_positive_with_at_most_two_decimals(decimal amount)
    {
        Assert.Equal(BankingErrors.InvalidAmount, Account.Deposit(Open, new DepositFunds("c", amount)).Error?.Code);
        Assert.Equal(BankingErrors.InvalidAmount, Account.Withdraw(Open, new WithdrawFunds("c", amount)).Error?.Code);
    }

    [Fact]
    public void Open_fixes_currency_and_overdraft()
    {
        var decision = Account.Open(AccountState.Initial, new OpenAccount("c", "c1", "USD", 10.5m), customerIsRegistered: true);

        Assert.Equal(new AccountOpened("c1", "USD", 10.5m), Assert.Single(decision.Events));
    }

    [Theory]
    [InlineData("eur", 0, true, BankingErrors.InvalidCurrency)]
    [InlineData("EURO", 0, true, BankingErrors.InvalidCurrency)]
    [InlineData("EUR", -1, true, BankingErrors.InvalidOverdraftLimit)]
    [InlineData("EUR", 0.001, true, BankingErrors.InvalidOverdraftLimit)]
    [InlineData("EUR", 0, false, BankingErrors.CustomerNotFound)]
    public void Open_refuses_bad_input(string currency, decimal overdraft, bool customerIsRegistered, string code) =>
        Assert.Equal(code, Account.Open(AccountState.Initial, new OpenAccount("c", "c1", currency, overdraft), customerIsRegistered).Error?.Code);

    [Fact]
    public void Open_twice_is_refused() =>
        Assert.Equal(BankingErrors.AccountAlreadyOpen, Account.Open(Open, new OpenAccount("c", "c1", "EUR"), true).Error?.Code);

    [Fact]
    public void Withdrawal_may_use_the_overdraft_but_not_beyond()
    {
        Assert.False(Account.Withdraw(With(10m), new WithdrawFunds("c", 60m)).IsRejected);
        Assert.Equal(BankingErrors.InsufficientFunds, Account.Withdraw(With(10m), new WithdrawFunds("c", 60.01m)).Error?.Code);
    }

    [Fact]
    public void Nothing_happens_on_an_account_that_is_not_open()
    {
        var closed = Account.Evolve(With(0m), new AccountClosed());
        foreach (var (state, code) in new[] { (AccountState.Initial, BankingErrors.AccountNotOpen), (closed, BankingErrors.AccountClosed) })
        {
            Assert.Equal(code, Account.Deposit(state, new DepositFunds("c", 1m)).Error?.Code);
            Assert.Equal(code, Account.Withdraw(state, new WithdrawFunds("c", 1m)).Error?.Code);
            Assert.Equal(code, Account.Close(state, new CloseAccount("c")).Error?.Code);
            Assert.Equal(code, Account.Debit(state, new DebitForTransfer("c", "t", "b", 1m, "EUR")).Error?.Code);
            Assert.Equal(code, Account.Credit(state, new CreditFromTransfer("c", "t", "a", 1m, "EUR")).Error?.Code);
        }
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(-0.01)]
    public void Close_only_at_zero_balance(decimal balance) =>
        Assert.Equal(BankingErrors.BalanceNotZero, Account.Close(With(balance), new CloseAccount("c")).Error?.Code);

    [Fact]
    public void Transfers_in_another_currency_are_refused_on_both_sides()
    {
        Assert.Equal(BankingErrors.CurrencyMismatch, Account.Debit(With(100m), new DebitForTransfer("c", "t", "b", 1m, "USD")).Error?.Code);
        Assert.Equal(BankingErrors.CurrencyMismatch, Account.Credit(With(100m), new CreditFromTransfer("c", "t", "a", 1m, "USD")).Error?.Code);
    }

    [Fact]
    public void Debit_respects_the_overdraft_limit() =>
        Assert.Equal(BankingErrors.InsufficientFunds, Account.Debit(With(0m), new DebitForTransfer("c", "t", "b", 50.01m, "EUR")).Error?.Code);

    [Fact]
    public void Compensation_is_accepted_even_on_a_closed_account()
    {
        var closed = Account.Evolve(With(0m), new AccountClosed());

        var reversed = Account.ReverseDebit(closed, new ReverseTransferDebit("c", "t", 5m, "account_closed"));

        Assert.Equal(5m, Account.Evolve(closed, Assert.Single(reversed.Events)).Balance);
    }
}
