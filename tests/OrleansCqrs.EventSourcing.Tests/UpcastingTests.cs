using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.EventSourcing.Tests.Infrastructure;

namespace OrleansCqrs.EventSourcing.Tests;

[Collection(BankingClusterCollection.Name)]
public sealed class UpcastingTests(BankingCluster cluster)
{
    [Fact]
    public async Task Account_opened_in_the_v1_shape_loads_through_the_upcaster()
    {
        var id = Bank.NewId("acc");
        // Written as the first release did: the customer was "owner" and there was no overdraft.
        await cluster.Database.ExecuteAsOwnerAsync($$"""
            insert into eventstore.streams (tenant_id, stream_id, version) values ('default', 'account-{{id}}', 2);
            insert into eventstore.events (tenant_id, stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
            values ('default', 'account-{{id}}', 1, gen_random_uuid(), 'AccountOpened', 1, '{"owner":"cust-v1","currency":"GBP"}', '{}'),
                   ('default', 'account-{{id}}', 2, gen_random_uuid(), 'FundsDeposited', 1, '{"amount":12.5}', '{}');
            """);
        var account = cluster.Grains.GetGrain<IAccountGrain>(id);

        var details = await account.GetDetails();
        var withdrawn = await account.Withdraw(new WithdrawFunds(Bank.CommandId(), 12.5m));

        Assert.Equal((AccountStatus.Open, "cust-v1", "GBP", 0m, 12.5m, 2L), (details.Status, details.CustomerId, details.Currency, details.OverdraftLimit, details.Balance, details.Version));
        Assert.True(withdrawn.Accepted);
        Assert.Equal(3, withdrawn.Version);
    }
}
