using Npgsql;

namespace OrleansCqrs.EventSourcing.Projections;

/// <summary>A read model: its tables in schema <c>readmodels</c>, how it is fed, and how it is rebuilt in memory.</summary>
public interface IReadModel
{
    /// <summary>Stable name, used by operators: <c>cqrs projections rebuild NAME</c>.</summary>
    string Name { get; }

    ProjectionFeed Feed { get; }

    /// <summary>Its tables (unqualified, schema <c>readmodels</c>); a rebuild replaces them together.</summary>
    IReadOnlyList<string> Tables { get; }

    /// <summary>
    /// For an aggregate-stream read model: a SQL condition on <c>e</c> (a row of eventstore.events) that holds when
    /// the read model does not reflect that event yet. Lag is measured with it.
    /// </summary>
    string? NotYetReflected { get; }

    /// <summary>
    /// For an aggregate-stream read model: SQL that copies into <c>{shadow}</c> the rows of <c>{live}</c> newer than
    /// the shadow's (live processing went on during a rebuild), run with the live table locked just before the swap.
    /// Placeholders are replaced per table as <c>{live:table}</c> and <c>{shadow:table}</c>.
    /// </summary>
    string? MergeLiveIntoShadow { get; }

    /// <summary>A fresh in-memory projection of the whole log, for a rebuild.</summary>
    IReadModelBuilder CreateBuilder();
}

/// <summary>A read model that follows the global log; applies a page of events inside the runner's transaction.</summary>
public interface ILogReadModel : IReadModel
{
    Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<Streams.ProjectedEvent> events, CancellationToken cancellationToken);
}
