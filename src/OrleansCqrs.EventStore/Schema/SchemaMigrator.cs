using System.Reflection;
using Npgsql;

namespace OrleansCqrs.EventStore.Schema;

/// <summary>
/// Applies the numbered SQL migrations embedded in this assembly, each once, in order, each in its
/// own transaction. Processes that start together queue on an advisory lock, so exactly one applies
/// each migration and the others find it done.
/// </summary>
public static class SchemaMigrator
{
    /// <summary>Arbitrary, fixed: the advisory lock id every OrleansCqrs process uses for migrations.</summary>
    private const long MigrationLockId = 0x4F43_5152_5331;

    private const string ResourcePrefix = "OrleansCqrs.EventStore.Migrations.";

    /// <summary>The role the application's login role must be a member of.</summary>
    public const string WriterRole = "orleanscqrs_writer";

    /// <summary>Applies the store's missing migrations; returns the names of those this call applied.</summary>
    /// <param name="ownerConnectionString">A role allowed to create the schema (and, ideally, roles).</param>
    public static Task<IReadOnlyList<string>> MigrateAsync(string ownerConnectionString, CancellationToken cancellationToken = default) =>
        MigrateAsync(ownerConnectionString, [], cancellationToken);

    /// <summary>
    /// Applies the store's migrations, then those embedded in <paramref name="components"/> (resources
    /// <c>{assembly name}.Migrations.NNN_name.sql</c>). Every component numbers its migrations in its own range
    /// (the store 1–99, then 100s, 200s…): they share one record of what has been applied.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(
        string ownerConnectionString, IReadOnlyList<Assembly> components, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"select pg_advisory_lock({MigrationLockId})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, """
                create schema if not exists eventstore;
                create table if not exists eventstore.schema_migrations (
                    version    int primary key,
                    name       text not null,
                    applied_at timestamptz not null default now());
                """, cancellationToken);
            var applied = await AppliedVersionsAsync(connection, cancellationToken);
            var appliedNow = new List<string>();
            foreach (var migration in EmbeddedMigrations().Concat(components.SelectMany(c => EmbeddedMigrations(c, $"{c.GetName().Name}.Migrations."))))
            {
                if (applied.Contains(migration.Version))
                {
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, migration.Sql, cancellationToken);
                await using (var record = new NpgsqlCommand("insert into eventstore.schema_migrations (version, name) values ($1, $2)", connection))
                {
                    record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
                    record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Name });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                appliedNow.Add(migration.Name);
            }

            return appliedNow;
        }
        finally
        {
            await ExecuteAsync(connection, $"select pg_advisory_unlock({MigrationLockId})", CancellationToken.None);
        }
    }

    internal static IReadOnlyList<Migration> EmbeddedMigrations() => EmbeddedMigrations(typeof(SchemaMigrator).Assembly, ResourcePrefix);

    private static IReadOnlyList<Migration> EmbeddedMigrations(Assembly assembly, string resourcePrefix)
    {
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(resourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Load(assembly, name, resourcePrefix))
            .OrderBy(m => m.Version)
            .ToList();
    }

    private static Migration Load(Assembly assembly, string resourceName, string resourcePrefix)
    {
        var name = resourceName[resourcePrefix.Length..^".sql".Length];
        var separator = name.IndexOf('_');
        if (separator <= 0 || !int.TryParse(name[..separator], out var version))
        {
            throw new InvalidOperationException($"Migration '{name}' must be named NNN_description.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return new Migration(version, name, reader.ReadToEnd());
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select version from eventstore.schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal sealed record Migration(int Version, string Name, string Sql);
}
