using Npgsql;
using NpgsqlTypes;

namespace OrleansCqrs.EventStore.Postgres;

/// <summary>
/// Runs a group of append requests in one transaction and one round trip: one call of
/// eventstore.append_events per request, each checked on its own, one commit for all.
/// </summary>
internal sealed class AppendTransaction(NpgsqlDataSource dataSource)
{
    private const string AppendSql =
        "select outcome, stream_version, transaction_id, global_positions " +
        "from eventstore.append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

    public Task RunAsync(IReadOnlyList<AppendRequest> requests) => RunAsync(requests, retry: true);

    private async Task RunAsync(IReadOnlyList<AppendRequest> requests, bool retry)
    {
        // Every group locks its streams in the same order, so two groups can never deadlock.
        var ordered = requests.Count == 1
            ? requests
            : requests.OrderBy(r => r.TenantId, StringComparer.Ordinal).ThenBy(r => r.StreamId, StringComparer.Ordinal).ToList();
        NpgsqlConnection connection;
        try
        {
            connection = await dataSource.OpenConnectionAsync();
        }
        catch (Exception error)
        {
            foreach (var request in ordered)
            {
                request.Fail(new EventStoreUnavailableException(error));
            }

            return;
        }

        try
        {
            await using (connection)
            {
                await ExecuteAsync(connection, ordered);
            }
        }
        catch (PostgresException error) when (RolledBack(error))
        {
            if (ordered.Count == 1)
            {
                Reject(ordered[0], error);
                return;
            }

            // The server refused one request and rolled the whole group back: run each alone so only that one fails.
            foreach (var request in ordered)
            {
                await RunAsync([request], retry);
            }
        }
        catch (Exception error) when (NotSent(error))
        {
            // The driver refused a value before the batch's Sync went out, so nothing can have committed: run each
            // request alone, and only the one it refuses fails.
            if (ordered.Count == 1)
            {
                ordered[0].Fail(new AppendNotSentException(ordered[0].StreamId, error));
                return;
            }

            foreach (var request in ordered)
            {
                await RunAsync([request], retry);
            }
        }
        catch (Exception error)
        {
            // The connection failed mid-append (often a pooled connection the server had closed while it sat idle).
            // A request with an idempotency key is safe to send again on a fresh connection: if the first try
            // committed, the key answers with its result. Without a key the outcome stays unknown to the caller.
            var again = retry ? ordered.Where(r => r.IdempotencyKey is not null).ToList() : [];
            foreach (var request in ordered.Except(again))
            {
                request.Fail(new AppendOutcomeUnknownException(request.StreamId, error));
            }

            if (again.Count > 0)
            {
                await RunAsync(again, retry: false);
            }
        }
    }

    /// <summary>
    /// An ERROR aborts the transaction before its commit. A FATAL or PANIC ends the session and may
    /// arrive after the commit, so its outcome is unknown like a broken connection's.
    /// </summary>
    private static bool RolledBack(PostgresException error) => error.InvariantSeverity == "ERROR";

    /// <summary>Errors Npgsql raises while encoding parameters, before anything of the batch is executed.</summary>
    private static bool NotSent(Exception error) =>
        error is System.Text.EncoderFallbackException or InvalidCastException or ArgumentException or NotSupportedException or OverflowException;

    private static void Reject(AppendRequest request, PostgresException error) =>
        request.Fail(new AppendRejectedException(request.TenantId, request.StreamId, error));

    private static async Task ExecuteAsync(NpgsqlConnection connection, IReadOnlyList<AppendRequest> requests)
    {
        // Without an explicit transaction Npgsql sends the batch with one Sync: PostgreSQL runs
        // it as one implicit transaction, so the whole group costs one round trip and one commit.
        await using var batch = connection.CreateBatch();
        foreach (var request in requests)
        {
            batch.BatchCommands.Add(CreateCommand(request));
        }

        var outcomes = new (short Outcome, long Version, ulong TransactionId, long[]? Positions)[requests.Count];
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            for (var i = 0; i < requests.Count; i++)
            {
                if (i > 0)
                {
                    await reader.NextResultAsync();
                }

                await reader.ReadAsync();
                outcomes[i] = (
                    reader.GetInt16(0),
                    reader.GetInt64(1),
                    reader.IsDBNull(2) ? 0 : reader.GetFieldValue<ulong>(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<long[]>(3));
            }
        }

        // Answer only after the reader is closed: only then has the commit been acknowledged.
        for (var i = 0; i < requests.Count; i++)
        {
            Answer(requests[i], outcomes[i]);
        }
    }

    private static void Answer(AppendRequest request, (short Outcome, long Version, ulong TransactionId, long[]? Positions) outcome)
    {
        switch (outcome.Outcome)
        {
            case 0:
            case 1:
                var positions = outcome.Positions!.Select(p => new GlobalPosition(outcome.TransactionId, p)).ToArray();
                request.Succeed(new AppendResult(outcome.Version - positions.Length + 1, outcome.Version, positions, WasReplay: outcome.Outcome == 1));
                break;
            case 2:
                request.Fail(new WrongExpectedVersionException(request.TenantId, request.StreamId, request.ExpectedVersion, outcome.Version));
                break;
            case 3:
                request.Fail(new IdempotencyKeyReusedException(request.TenantId, request.StreamId, request.IdempotencyKey!, outcome.Version));
                break;
            default:
                request.Fail(new InvalidOperationException($"eventstore.append_events returned unknown outcome {outcome.Outcome}."));
                break;
        }
    }

    private static NpgsqlBatchCommand CreateCommand(AppendRequest request)
    {
        var events = request.Events;
        var eventIds = new Guid[events.Count];
        var types = new string[events.Count];
        var versions = new int[events.Count];
        var data = new string[events.Count];
        var metadata = new string[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            eventIds[i] = events[i].EventId;
            types[i] = events[i].EventType;
            versions[i] = events[i].SchemaVersion;
            data[i] = events[i].Data;
            metadata[i] = events[i].Metadata;
        }

        var command = new NpgsqlBatchCommand(AppendSql);
        var parameters = command.Parameters;
        parameters.Add(new NpgsqlParameter<string> { TypedValue = request.TenantId, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = request.StreamId, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)request.ExpectedVersion.Kind, NpgsqlDbType = NpgsqlDbType.Smallint });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = request.ExpectedVersion.Version, NpgsqlDbType = NpgsqlDbType.Bigint });
        parameters.Add(new NpgsqlParameter { Value = (object?)request.IdempotencyKey ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter { Value = (object?)request.RequestHash ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });
        parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = eventIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = versions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Json });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = metadata, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Json });
        return command;
    }
}
