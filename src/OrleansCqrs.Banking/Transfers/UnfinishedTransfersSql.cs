namespace OrleansCqrs.Banking.Transfers;

/// <summary>
/// Which transfers have not finished, read from the log: a transfer ends at one of <see cref="Endings"/>; any other last
/// fact means its reminder still has work to do. One definition for the listing and for the gauge.
/// </summary>
internal static class UnfinishedTransfersSql
{
    private const string Endings = "('TransferCreditRecorded', 'TransferCompensated', 'TransferDebitRefused')";

    /// <summary>Per unfinished transfer stream: tenant, stream, last version, last event type, last activity.</summary>
    public const string Streams =
        "select tenant_id, stream_id, max(stream_version) as version, (array_agg(event_type order by stream_version desc))[1] as last_step, " +
        "max(recorded_at) as last_activity from eventstore.events where stream_id like 'transfer-%' group by tenant_id, stream_id " +
        "having not bool_or(event_type in " + Endings + ")";
}
