using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.Banking.Customers;

namespace OrleansCqrs.Benchmarks;

/// <summary>Fresh EUR accounts of one fresh customer, for scenarios that send commands through the cluster.</summary>
internal static class BenchmarkAccounts
{
    public static async Task<IAccountGrain[]> OpenAsync(IClusterClient client, string prefix, int count)
    {
        var run = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        await client.GetGrain<ICustomerGrain>(run).Register(new RegisterCustomer(Guid.NewGuid().ToString("N"), "Bench Mark", "bench@example.com"));
        var accounts = new IAccountGrain[count];
        for (var i = 0; i < count; i++)
        {
            accounts[i] = client.GetGrain<IAccountGrain>($"{run}-{i}");
            var opened = await accounts[i].Open(new OpenAccount(Guid.NewGuid().ToString("N"), run, "EUR"));
            if (!opened.Accepted)
            {
                throw new InvalidOperationException($"Could not open a benchmark account: {opened.Error}");
            }
        }

        return accounts;
    }
}
