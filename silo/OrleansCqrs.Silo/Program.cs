using Orleans.Dashboard;
using OrleansCqrs.EventStore;
using OrleansCqrs.EventStore.Postgres;
using OrleansCqrs.LocalPostgres;
using OrleansCqrs.Silo;

var builder = WebApplication.CreateBuilder(args);

// The dashboard and health endpoints listen on loopback unless configured otherwise.
var urls = builder.Configuration["OrleansCqrs:Urls"] ?? "http://127.0.0.1:8080";
builder.WebHost.UseUrls(urls);

SiloDatabase startedDatabase;
try
{
    startedDatabase = await SiloDatabase.StartAsync(builder.Configuration, CancellationToken.None);
}
catch (PostgresNotInstalledException missing)
{
    Console.Error.WriteLine(missing.Message);
    return 1;
}

await using var database = startedDatabase;

builder.Services.AddSingleton<EventTypeRegistry>();
builder.Services.AddSingleton(sp => PostgresEventStore.Create(database.ApplicationConnectionString, sp.GetRequiredService<EventTypeRegistry>()));
builder.Services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<PostgresEventStore>());

builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering();
    silo.AddDashboard();
});

// Disposed before the database (declared after it), so the store lets go of its connections first.
await using var app = builder.Build();
app.MapOrleansDashboard(routePrefix: "/dashboard");
app.MapGet("/health", () => Results.Ok(new { status = "healthy" }));

app.Logger.LogInformation(
    "OrleansCqrs silo on {Urls} (dashboard at /dashboard), PostgreSQL: {Database}",
    urls,
    database.IsPrivate ? "private cluster" : "ORLEANSCQRS_CONNECTION");
await app.RunAsync();
return 0;
