using Npgsql;
using OrleansCqrs.EventStore.Postgres;

namespace OrleansCqrs.EventSourcing.Hosting;

/// <summary>
/// The pool for everything derived from the log: read models, projection checkpoints, snapshots.
/// Its commits do not wait for the WAL flush (synchronous_commit = off): a projection write per event
/// would otherwise queue every append behind thousands of fsyncs. It stays exactly-once across a crash
/// because PostgreSQL writes the WAL in order: the stream provider's checkpoints commit synchronously
/// (see PartitionCheckpoints), and a durable checkpoint makes every earlier projection write durable
/// too; a log-following read model's rows and checkpoint are one transaction, lost or kept together.
/// </summary>
public static class ReadModelDataSource
{
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = string.IsNullOrEmpty(builder.Options) ? "-c synchronous_commit=off" : builder.Options + " -c synchronous_commit=off";
        builder.ApplicationName ??= "OrleansCqrs.ReadModels";
        if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
        {
            // Many projection grains write at once; a few busy backends serve them better than a hundred contending ones.
            builder.MaxPoolSize = 16;
        }
        return EventStoreDataSource.Create(builder.ConnectionString);
    }
}
