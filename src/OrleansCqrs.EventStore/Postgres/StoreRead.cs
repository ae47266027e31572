using Npgsql;

namespace OrleansCqrs.EventStore.Postgres;

/// <summary>
/// Runs a read and maps driver failures to the store's own errors, as appends do. A read changes nothing, so one that
/// failed on a broken connection (for example an idle pooled one the server dropped) is tried once more on a fresh one.
/// </summary>
internal static class StoreRead
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (PostgresException refused) when (!refused.IsTransient)
            {
                throw new EventStoreReadException(refused);
            }
            catch (Exception error) when (IsConnectionFailure(error) && !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= 2)
                {
                    throw new EventStoreUnavailableException("reading", error);
                }
            }
        }
    }

    private static bool IsConnectionFailure(Exception error) =>
        error is NpgsqlException or System.Net.Sockets.SocketException or IOException or TimeoutException;
}
