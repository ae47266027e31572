using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Orleans.Configuration;
using Orleans.Dashboard;
using OpenTelemetry.Metrics;
using OrleansCqrs.Banking;
using OrleansCqrs.EventSourcing.Diagnostics;
using OrleansCqrs.EventSourcing.Hosting;
using OrleansCqrs.LocalPostgres;
using OrleansCqrs.Silo;

var builder = WebApplication.CreateBuilder(args);
var settings = SiloSettings.From(builder.Configuration);

// A port another process holds would end the start-up hundreds of log lines later; say which and what to change.
if (PortsInUse.FirstTaken(settings) is { } taken)
{
    Console.Error.WriteLine($"Port {taken.Port} is in use (another silo running here?): set {taken.Setting} to a free port.");
    return 1;
}

// The dashboard, metrics and health endpoints listen on loopback unless configured otherwise.
builder.WebHost.UseUrls(settings.Urls);

SiloDatabase startedDatabase;
try
{
    startedDatabase = await SiloDatabase.StartAsync(builder.Configuration, settings.UsesAdoNetClustering, CancellationToken.None);
}
catch (Exception refused) when (refused is PostgresNotInstalledException or DataDirectoryInUseException or OrleansCqrs.EventStore.SchemaMigrationChangedException)
{
    Console.Error.WriteLine(refused.Message);
    return 1;
}

await using var database = startedDatabase;

builder.Services.AddPostgresEventStore(database.ApplicationConnectionString, BankingEventTypes.Register);
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
    .AddMeter("Microsoft.Orleans", EventSourcingMetrics.MeterName)
    .AddPrometheusExporter());

builder.Services.AddHealthChecks().AddCheck<StoreReadiness>("store", tags: ["ready"]);

builder.UseOrleans(silo =>
{
    // Set explicitly in both modes: Orleans' "dev" defaults apply only when nothing else is set, and the
    // cqrs client presents these ids, which a gateway checks.
    silo.Configure<ClusterOptions>(cluster =>
    {
        cluster.ClusterId = settings.ClusterId;
        cluster.ServiceId = settings.ServiceId;
    });
    if (settings.UsesAdoNetClustering)
    {
        // Listening on every address only when advertising a non-loopback one (a container, another machine).
        silo.ConfigureEndpoints(
            settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(settings.AdvertisedAddress));
        silo.UseAdoNetClustering(clustering =>
        {
            clustering.Invariant = "Npgsql";
            clustering.ConnectionString = database.ApplicationConnectionString;
        });
    }
    else
    {
        silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
    }

    // Reminders keep transfers going when a silo dies mid-way; they live in the same PostgreSQL.
    silo.UseAdoNetReminderService(reminders =>
    {
        reminders.Invariant = "Npgsql";
        reminders.ConnectionString = database.ApplicationConnectionString;
    });
    silo.AddBanking(aggregates: options => options.StoreTimeout = settings.StoreTimeout);
    silo.AddDashboard();
});

// Disposed before the database (declared after it), so the store lets go of its connections first.
await using var app = builder.Build();
app.MapOrleansDashboard(routePrefix: "/dashboard");
app.MapPrometheusScrapingEndpoint("/metrics");
// Liveness: the process answers. Readiness (and /health): the store answers and nothing is parked; 503 when unhealthy.
app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
{
    Predicate = _ => false,
    ResponseWriter = HealthAnswer.WriteAsync,
});
foreach (var path in new[] { "/health/ready", "/health" })
{
    app.MapHealthChecks(path, new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
    {
        Predicate = check => check.Tags.Contains("ready"),
        ResponseWriter = HealthAnswer.WriteAsync,
    });
}

await app.StartAsync();
var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? settings.Urls;
Console.WriteLine(
    $"OrleansCqrs silo ready at {baseUrl} — dashboard {baseUrl}/dashboard, metrics {baseUrl}/metrics, health {baseUrl}/health " +
    $"(gateway port {settings.GatewayPort}, {(settings.UsesAdoNetClustering ? "ADO.NET clustering" : "localhost clustering")}, " +
    $"PostgreSQL: {(database.IsPrivate ? "private cluster" : "ORLEANSCQRS_CONNECTION")})");
await app.WaitForShutdownAsync();
return 0;
