using OrleansCqrs.EventStore.Tests.Infrastructure;

namespace OrleansCqrs.EventStore.Tests;

public sealed class ReadStreamTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string Tenant = "tenant-a";
    private const string Stream = "account-read";

    public async Task InitializeAsync() =>
        await database.CreateStore().AppendAsync(Tenant, Stream, ExpectedVersion.Any, TestEvents.Deposits(5), idempotencyKey: "seed");

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(1L, 10, ReadDirection.Forwards, new long[] { 1, 2, 3, 4, 5 })]
    [InlineData(3L, 2, ReadDirection.Forwards, new long[] { 3, 4 })]
    [InlineData(6L, 10, ReadDirection.Forwards, new long[] { })]
    [InlineData(StreamVersion.End, 2, ReadDirection.Backwards, new long[] { 5, 4 })]
    [InlineData(2L, 10, ReadDirection.Backwards, new long[] { 2, 1 })]
    [InlineData(1L, 0, ReadDirection.Forwards, new long[] { })]
    public async Task Reads_from_a_version_in_either_direction(long from, int count, ReadDirection direction, long[] expected)
    {
        var events = await database.CreateStore().ReadStreamAsync(Tenant, Stream, from, count, direction);

        Assert.Equal(expected, events.Select(e => e.StreamVersion));
    }

    [Fact]
    public async Task Missing_stream_reads_empty()
    {
        Assert.Empty(await database.CreateStore().ReadStreamAsync(Tenant, "account-missing", StreamVersion.First, 10));
    }
}
