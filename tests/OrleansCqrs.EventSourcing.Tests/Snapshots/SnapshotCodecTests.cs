using OrleansCqrs.EventSourcing.Snapshots;

namespace OrleansCqrs.EventSourcing.Tests.Snapshots;

public sealed class SnapshotCodecTests
{
    [Fact]
    public void Round_trip_gives_the_state_back()
    {
        var stored = SnapshotCodec.Encode("t", "counter-1", 7, new V1.Counter(41, "x"), typeof(V1.Counter));

        var (state, rejection) = SnapshotCodec.Decode<V1.Counter>(stored, typeof(V1.Counter));

        Assert.Null(rejection);
        Assert.Equal(new V1.Counter(41, "x"), state);
    }

    [Fact]
    public void Corrupted_bytes_are_refused_by_the_checksum()
    {
        var stored = SnapshotCodec.Encode("t", "counter-1", 7, new V1.Counter(41, "x"), typeof(V1.Counter));
        var corrupted = stored with { Payload = stored.Payload.ToArray() };
        corrupted.Payload[^3] ^= 0x01;

        Assert.Equal("checksum", SnapshotCodec.Decode<V1.Counter>(corrupted, typeof(V1.Counter)).Rejection);
    }

    [Fact]
    public void A_schema_version_bump_makes_old_snapshots_unusable()
    {
        var stored = SnapshotCodec.Encode("t", "counter-1", 7, new V1.Counter(41, "x"), typeof(V1.Counter));

        Assert.Equal("schema_version", SnapshotCodec.Decode<V2.Counter>(stored, typeof(V2.Counter)).Rejection);
    }

    [Fact]
    public void A_changed_shape_without_a_version_bump_is_caught()
    {
        var stored = SnapshotCodec.Encode("t", "counter-1", 7, new V1.Counter(41, "x"), typeof(V1.Counter));

        Assert.Equal("shape", SnapshotCodec.Decode<ChangedShape.Counter>(stored, typeof(ChangedShape.Counter)).Rejection);
        Assert.NotEqual(StateShape.HashOf(typeof(V1.Counter)), StateShape.HashOf(typeof(ChangedShape.Counter)));
        Assert.Equal(StateShape.HashOf(typeof(V1.Counter)), StateShape.HashOf(typeof(V2.Counter)));
    }

    [Fact]
    public void Another_state_type_is_refused()
    {
        var stored = SnapshotCodec.Encode("t", "counter-1", 7, new V1.Counter(41, "x"), typeof(V1.Counter));

        Assert.Equal("state_type", SnapshotCodec.Decode<Other>(stored, typeof(Other)).Rejection);
    }

    public sealed record Other(int Value, string Label);
}
