using Microsoft.Extensions.DependencyInjection;
using OrleansCqrs.Banking.ReadModels.AccountSummary;
using OrleansCqrs.Banking.ReadModels.AccountTransactions;
using OrleansCqrs.Banking.ReadModels.CustomerDirectory;
using OrleansCqrs.Banking.ReadModels.DailyTotals;
using OrleansCqrs.EventSourcing.Hosting;
using OrleansCqrs.EventSourcing.Projections;

namespace OrleansCqrs.Banking;

public static class BankingSiloBuilderExtensions
{
    /// <summary>The assemblies whose migrations the banking service needs, after the event store's own.</summary>
    public static IReadOnlyList<System.Reflection.Assembly> MigrationComponents =>
        [typeof(IReadModel).Assembly, typeof(BankingSiloBuilderExtensions).Assembly];

    /// <summary>
    /// The banking service on a silo whose services hold the event store: the aggregates' provider, the stream
    /// provider feeding the per-account read models, and the four read models with their projections.
    /// Transfers need a reminder service (the silo uses ADO.NET reminders on the same PostgreSQL).
    /// </summary>
    public static ISiloBuilder AddBanking(
        this ISiloBuilder builder,
        Action<EventSourcing.LogConsistency.EventStoreLogConsistencyOptions>? aggregates = null,
        Action<EventSourcing.Streams.EventStoreStreamOptions>? streams = null,
        Action<ProjectionOptions>? projections = null,
        Action<EventSourcing.Snapshots.SnapshotOptions>? snapshots = null,
        Action<Transfers.TransferOptions>? transfers = null)
    {
        var transferOptions = builder.Services.AddOptions<Transfers.TransferOptions>();
        if (transfers is not null)
        {
            transferOptions.Configure(transfers);
        }

        builder.AddEventStoreLogConsistencyProvider(configure: aggregates, snapshots: snapshots, asDefault: true);
        builder.AddEventStoreStreams(configure: streams);
        builder.AddProjections(projections);
        builder.Services.AddSingleton<IReadModel, AccountSummaryReadModel>();
        builder.Services.AddSingleton<IReadModel, AccountTransactionsReadModel>();
        builder.Services.AddSingleton<IReadModel, CustomerDirectoryReadModel>();
        builder.Services.AddSingleton<IReadModel, DailyTotalsReadModel>();
        builder.Services.AddHostedService<Transfers.UnfinishedTransfersMonitor>();
        return builder;
    }
}
