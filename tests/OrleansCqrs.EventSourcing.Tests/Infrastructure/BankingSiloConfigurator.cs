using System.Globalization;
using Orleans.TestingHost;
using OrleansCqrs.Banking;
using OrleansCqrs.EventSourcing.Hosting;

namespace OrleansCqrs.EventSourcing.Tests.Infrastructure;

public sealed class BankingSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = siloBuilder.Configuration[BankingCluster.ConnectionStringKey]!;
        var timeout = double.Parse(siloBuilder.Configuration[BankingCluster.StoreTimeoutKey]!, CultureInfo.InvariantCulture);
        siloBuilder.Services.AddPostgresEventStore(connectionString, registry => PlainGrains.CounterEventTypes.Register(BankingEventTypes.Register(registry)));
        siloBuilder.UseInMemoryReminderService();
        siloBuilder.Configure<Orleans.Hosting.ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromMilliseconds(500));
        var maxDelivery = siloBuilder.Configuration[BankingCluster.MaxDeliveryTimeKey] is { } seconds
            ? TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture))
            : (TimeSpan?)null;
        siloBuilder.AddBanking(
            aggregates: options => options.StoreTimeout = TimeSpan.FromSeconds(timeout),
            streams: options => options.MaxDeliveryTime = maxDelivery ?? options.MaxDeliveryTime,
            projections: options =>
            {
                options.LagSampleInterval = TimeSpan.FromMilliseconds(200);
                options.CatchUpInterval = TimeSpan.FromSeconds(1);
            },
            transfers: options => options.ResumeAfter = TimeSpan.FromSeconds(1));
    }
}
