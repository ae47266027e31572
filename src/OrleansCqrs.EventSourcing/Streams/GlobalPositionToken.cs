using Orleans.Streams;
using OrleansCqrs.EventStore;

namespace OrleansCqrs.EventSourcing.Streams;

/// <summary>An event's place in the store's global log as an Orleans sequence token: ordered by (transaction id, position).</summary>
[GenerateSerializer, Immutable]
public sealed class GlobalPositionToken : StreamSequenceToken
{
    public GlobalPositionToken(ulong transactionId, long position)
    {
        TransactionId = transactionId;
        SequenceNumber = position;
    }

    [Id(0)]
    public ulong TransactionId { get; private set; }

    /// <summary>The event's global position (unique; ordered within a transaction).</summary>
    [Id(1)]
    public override long SequenceNumber { get; protected set; }

    public override int EventIndex { get => 0; protected set { } }

    public GlobalPosition Position => new(TransactionId, SequenceNumber);

    public override bool Equals(StreamSequenceToken? other) =>
        other is GlobalPositionToken token && token.TransactionId == TransactionId && token.SequenceNumber == SequenceNumber;

    public override bool Equals(object? obj) => Equals(obj as StreamSequenceToken);

    public override int GetHashCode() => HashCode.Combine(TransactionId, SequenceNumber);

    public override int CompareTo(StreamSequenceToken? other) => other switch
    {
        null => 1,
        GlobalPositionToken token => (TransactionId, SequenceNumber).CompareTo((token.TransactionId, token.SequenceNumber)),
        _ => throw new ArgumentException($"Cannot compare a {nameof(GlobalPositionToken)} with a {other.GetType().Name}.", nameof(other)),
    };

    public override string ToString() => $"{TransactionId}/{SequenceNumber}";
}
