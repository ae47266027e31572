namespace OrleansCqrs.EventStore.Tests;

public sealed class ValueTypeTests
{
    [Fact]
    public void Global_positions_order_by_transaction_then_position()
    {
        var earlierTransactionHigherPosition = new GlobalPosition(10, 500);
        var laterTransactionLowerPosition = new GlobalPosition(11, 20);

        Assert.True(earlierTransactionHigherPosition < laterTransactionLowerPosition);
        Assert.True(new GlobalPosition(11, 20) < new GlobalPosition(11, 21));
        Assert.True(GlobalPosition.Start < new GlobalPosition(1, 1));
        Assert.Equal(0, new GlobalPosition(3, 4).CompareTo(new GlobalPosition(3, 4)));
    }

    [Fact]
    public void Expected_versions_describe_themselves_for_error_messages()
    {
        Assert.Equal("any", ExpectedVersion.Any.ToString());
        Assert.Equal("no stream", ExpectedVersion.NoStream.ToString());
        Assert.Equal("stream exists", ExpectedVersion.StreamExists.ToString());
        Assert.Equal("exactly 7", ExpectedVersion.Exactly(7).ToString());
        Assert.Equal(ExpectedVersion.Any, default);
    }

    [Fact]
    public void Unworkable_options_are_refused_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Postgres.PostgresEventStore.Create("Host=127.0.0.1", new EventTypeRegistry(), new EventStoreOptions { MaxPayloadBytes = 0 }));
        Assert.Equal("MaxPayloadBytes", error.ParamName);

        error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Postgres.PostgresEventStore.Create("Host=127.0.0.1", new EventTypeRegistry(), new EventStoreOptions { MaxConcurrentGroups = 0 }));
        Assert.Equal("MaxConcurrentGroups", error.ParamName);
    }
}
