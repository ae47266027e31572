using Npgsql;
using OrleansCqrs.EventSourcing.Streams;

namespace OrleansCqrs.EventSourcing.Projections;

/// <summary>
/// Builds a read model in memory from the log, for a rebuild. <paramref name="table"/> arguments map a table's
/// name to the qualified name to use (the shadow tables during a rebuild).
/// </summary>
public interface IReadModelBuilder
{
    void Apply(ProjectedEvent @event);

    /// <summary>Reads back what earlier chunks wrote, when a rebuild resumes after a crash.</summary>
    Task LoadAsync(NpgsqlConnection connection, Func<string, string> table, CancellationToken cancellationToken);

    /// <summary>Writes what changed since the last call (with COPY), inside the chunk's transaction.</summary>
    Task WriteAsync(NpgsqlConnection connection, Func<string, string> table, CancellationToken cancellationToken);
}
