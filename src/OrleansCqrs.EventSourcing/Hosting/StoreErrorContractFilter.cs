using Npgsql;
using OrleansCqrs.EventStore;

namespace OrleansCqrs.EventSourcing.Hosting;

/// <summary>
/// Maps driver and store failures to contract exceptions before they leave a grain: an <see cref="NpgsqlException"/> or
/// an <see cref="EventStoreException"/> has no Orleans codec and would reach the caller as <c>CodecNotFoundException</c>
/// with a stack trace instead of a code it can act on. Connection strings never travel: only the failure's message.
/// </summary>
internal sealed class StoreErrorContractFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception error) when (Map(error) is { } contract)
        {
            throw contract;
        }
    }

    private static AggregateStoreException? Map(Exception error) => error switch
    {
        AggregateStoreException => null,
        UnknownEventTypeException unreadable => new AggregateLoadException(unreadable.Message),
        EventStoreUnavailableException or AppendOutcomeUnknownException => new StoreUnavailableException(error.Message),
        EventStoreException refused => new CommandRefusedByStoreException("store_refused", refused.Message),
        PostgresException { IsTransient: false } refused => new CommandRefusedByStoreException(
            "store_refused", $"PostgreSQL refused the request ({refused.SqlState}: {refused.MessageText})."),
        NpgsqlException or System.Net.Sockets.SocketException or IOException => new StoreUnavailableException(
            $"The database cannot be reached ({error.Message.Split('\n')[0]}). Retry later."),
        _ => null,
    };
}
