using System.Net.Sockets;
using Npgsql;
using OrleansCqrs.EventStore;

namespace OrleansCqrs.EventSourcing.LogConsistency;

/// <summary>Which store errors are worth retrying (the database is away) and which are final.</summary>
internal static class StoreFailure
{
    public static bool IsTransient(Exception error) => error switch
    {
        EventStoreUnavailableException or AppendOutcomeUnknownException => true,
        NpgsqlException npgsql => npgsql.IsTransient || npgsql is not PostgresException,
        SocketException or TimeoutException or IOException => true,
        _ => false,
    };
}
