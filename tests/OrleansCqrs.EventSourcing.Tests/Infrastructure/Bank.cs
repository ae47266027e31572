using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.Banking.Customers;

namespace OrleansCqrs.EventSourcing.Tests.Infrastructure;

/// <summary>Short ways to set up customers and accounts in a test, each with fresh ids.</summary>
public sealed class Bank(IGrainFactory grains)
{
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static string CommandId() => Guid.NewGuid().ToString("N");

    public IAccountGrain Account(string id) => grains.GetGrain<IAccountGrain>(id);

    public ICustomerGrain Customer(string id) => grains.GetGrain<ICustomerGrain>(id);

    public async Task<string> RegisteredCustomerAsync()
    {
        var id = NewId("cust");
        var result = await Customer(id).Register(new RegisterCustomer(CommandId(), "Test Customer", "test@example.com"));
        Assert.True(result.Accepted, result.Error?.ToString());
        return id;
    }

    public async Task<string> OpenAccountAsync(string currency = "EUR", decimal deposit = 0m, decimal overdraft = 0m)
    {
        var customer = await RegisteredCustomerAsync();
        var id = NewId("acc");
        var opened = await Account(id).Open(new OpenAccount(CommandId(), customer, currency, overdraft));
        Assert.True(opened.Accepted, opened.Error?.ToString());
        if (deposit > 0m)
        {
            var deposited = await Account(id).Deposit(new DepositFunds(CommandId(), deposit));
            Assert.True(deposited.Accepted, deposited.Error?.ToString());
        }

        return id;
    }
}
