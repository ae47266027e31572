using System.Text.Json.Nodes;
using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.Banking.Customers;
using OrleansCqrs.Banking.Transfers;
using OrleansCqrs.EventStore;

namespace OrleansCqrs.Banking;

/// <summary>The banking events' stable stored names and schema versions, and the upcasters of older shapes.</summary>
public static class BankingEventTypes
{
    public static EventTypeRegistry Register(EventTypeRegistry registry)
    {
        registry
            .Register<CustomerRegistered>("CustomerRegistered")
            .Register<AccountOpened>("AccountOpened", schemaVersion: 2)
            .Register<FundsDeposited>("FundsDeposited")
            .Register<FundsWithdrawn>("FundsWithdrawn")
            .Register<TransferDebited>("TransferDebited")
            .Register<TransferCredited>("TransferCredited")
            .Register<TransferDebitReversed>("TransferDebitReversed")
            .Register<AccountClosed>("AccountClosed")
            .Register<TransferRequested>("TransferRequested")
            .Register<TransferDebitRecorded>("TransferDebitRecorded")
            .Register<TransferDebitRefused>("TransferDebitRefused")
            .Register<TransferCreditRecorded>("TransferCreditRecorded")
            .Register<TransferCreditRefused>("TransferCreditRefused")
            .Register<TransferCompensated>("TransferCompensated");

        // v1 (before overdrafts): {"owner": "...", "currency": "EUR"}.
        registry.AddUpcaster("AccountOpened", fromVersion: 1, v1 => new JsonObject
        {
            ["customerId"] = v1["owner"]?.DeepClone(),
            ["currency"] = v1["currency"]?.DeepClone(),
            ["overdraftLimit"] = 0m,
        });
        return registry;
    }

    public static EventTypeRegistry Create() => Register(new EventTypeRegistry());
}
