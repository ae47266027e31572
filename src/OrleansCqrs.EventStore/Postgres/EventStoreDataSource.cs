using Npgsql;

namespace OrleansCqrs.EventStore.Postgres;

/// <summary>Builds the one pooled data source a process should use for the store.</summary>
public static class EventStoreDataSource
{
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        // DISCARD ALL on every return to the pool would drop the prepared statements each append reuses.
        settings.NoResetOnClose = true;
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 32;
            settings.AutoPrepareMinUsages = 2;
        }

        settings.ApplicationName ??= "OrleansCqrs.EventStore";
        return builder.Build();
    }
}
