using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.Banking.Customers;
using OrleansCqrs.Banking.Transfers;
using OrleansCqrs.EventSourcing;

namespace OrleansCqrs.Banking.Tests;

public sealed class CustomerAndTransferRulesTests
{
    private static readonly AccountDetails OpenSource = new("a", AccountStatus.Open, "c", "EUR", 100m, 0m, 2);

    [Theory]
    [InlineData("", "a@b.io", BankingErrors.InvalidName)]
    [InlineData("Ann\u0001", "a@b.io", BankingErrors.InvalidName)]
    [InlineData("Ann", "not-an-email", BankingErrors.InvalidEmail)]
    [InlineData("Ann", "a@@b.io", BankingErrors.InvalidEmail)]
    [InlineData("Ann", "a b@c.io", BankingErrors.InvalidEmail)]
    [InlineData("Ann", "a@nodot", BankingErrors.InvalidEmail)]
    public void Registration_refuses_bad_names_and_emails(string name, string email, string code) =>
        Assert.Equal(code, Customer.Register(CustomerState.Initial, new RegisterCustomer("c", name, email)).Error?.Code);

    [Fact]
    public void Registration_trims_and_refuses_a_second_time()
    {
        var registered = Assert.Single(Customer.Register(CustomerState.Initial, new RegisterCustomer("c", "  Ann Lee ", " ann@example.com ")).Events);
        var state = Customer.Evolve(CustomerState.Initial, registered);

        Assert.Equal(new CustomerRegistered("Ann Lee", "ann@example.com"), registered);
        Assert.Equal(BankingErrors.CustomerAlreadyRegistered, Customer.Register(state, new RegisterCustomer("c", "Ann", "ann@example.com")).Error?.Code);
    }

    [Fact]
    public void Transfer_runs_debit_then_credit_to_completion()
    {
        var state = Apply(TransferState.Initial, Transfer.Start(TransferState.Initial, new TransferFunds("c", "a", "b", 10m), OpenSource));
        state = Apply(state, Transfer.DebitAnswered(state, CommandResult.Applied(3)));
        state = Apply(state, Transfer.CreditAnswered(state, CommandResult.Applied(1)));

        Assert.Equal((TransferStatus.Completed, "EUR", 10m), (state.Status, state.Currency, state.Amount));
        Assert.Empty(Transfer.Compensated(state).Events);
    }

    [Fact]
    public void Refused_credit_leads_to_compensation()
    {
        var state = Apply(TransferState.Initial, Transfer.Start(TransferState.Initial, new TransferFunds("c", "a", "b", 10m), OpenSource));
        state = Apply(state, Transfer.DebitAnswered(state, CommandResult.Applied(3)));
        state = Apply(state, Transfer.CreditAnswered(state, CommandResult.Rejected(new DomainError(BankingErrors.AccountClosed, "closed"), 2)));
        Assert.Equal(TransferStatus.CreditRefused, state.Status);

        state = Apply(state, Transfer.Compensated(state));

        Assert.Equal((TransferStatus.Compensated, BankingErrors.AccountClosed), (state.Status, state.Error?.Code));
    }

    [Theory]
    [InlineData("a", "a", 10, BankingErrors.SameAccount)]
    [InlineData("a", "b", 0, BankingErrors.InvalidAmount)]
    public void Transfer_refuses_bad_requests(string from, string to, decimal amount, string code) =>
        Assert.Equal(code, Transfer.Start(TransferState.Initial, new TransferFunds("c", from, to, amount), OpenSource).Error?.Code);

    [Fact]
    public void Transfer_id_cannot_be_reused_for_another_transfer()
    {
        var state = Apply(TransferState.Initial, Transfer.Start(TransferState.Initial, new TransferFunds("c", "a", "b", 10m), OpenSource));

        Assert.Empty(Transfer.Start(state, new TransferFunds("c2", "a", "b", 10m), OpenSource).Events);
        Assert.Equal(BankingErrors.TransferIdReused, Transfer.Start(state, new TransferFunds("c3", "a", "b", 11m), OpenSource).Error?.Code);
    }

    private static TransferState Apply(TransferState state, EventSourcing.Aggregates.Decision<ITransferEvent> decision)
    {
        Assert.False(decision.IsRejected, decision.Error?.ToString());
        return decision.Events.Aggregate(state, Transfer.Evolve);
    }
}
