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
                alter table eventstore.schema_migrations add column if not exists checksum bytea;
                """, cancellationToken);
            var applied = await AppliedVersionsAsync(connection, cancellationToken);
            var migrations = EmbeddedMigrations().Concat(components.SelectMany(c => EmbeddedMigrations(c, $"{c.GetName().Name}.Migrations."))).ToList();
            await CheckAppliedAreUnchangedAsync(connection, migrations, applied, cancellationToken);
            var appliedNow = new List<string>();
            foreach (var migration in migrations)
            {
                if (applied.ContainsKey(migration.Version))
                {
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, migration.Sql, cancellationToken);
                await using (var record = new NpgsqlCommand("insert into eventstore.schema_migrations (version, name, checksum) values ($1, $2, $3)", connection))
                {
                    record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
                    record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Name });
                    record.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = migration.Checksum });
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

    /// <summary>Applied migrations and the checksum each was applied with (null for those applied before checksums were kept).</summary>
    private static async Task<Dictionary<int, byte[]?>> AppliedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select version, checksum from eventstore.schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new Dictionary<int, byte[]?>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions[reader.GetInt32(0)] = reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1);
        }

        return versions;
    }

    /// <summary>
    /// Migrations are append-only: one edited after it was applied would leave this database unlike every new one,
    /// and fail later in confusing ways. Refuse to start instead, naming it. Rows without a checksum adopt the current one.
    /// </summary>
    private static async Task CheckAppliedAreUnchangedAsync(
        NpgsqlConnection connection, IReadOnlyList<Migration> migrations, Dictionary<int, byte[]?> applied, CancellationToken cancellationToken)
    {
        var changed = migrations
            .Where(m => applied.TryGetValue(m.Version, out var checksum) && checksum is not null && !checksum.AsSpan().SequenceEqual(m.Checksum))
            .Select(m => m.Name)
            .ToList();
        if (changed.Count > 0)
        {
            throw new SchemaMigrationChangedException(changed);
        }

        foreach (var migration in migrations.Where(m => applied.TryGetValue(m.Version, out var checksum) && checksum is null))
        {
            await using var adopt = new NpgsqlCommand("update eventstore.schema_migrations set checksum = $2 where version = $1 and checksum is null", connection);
            adopt.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
            adopt.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = migration.Checksum });
            await adopt.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal sealed record Migration(int Version, string Name, string Sql)
    {
        /// <summary>SHA-256 of the text with line endings normalised, so a checkout on Windows counts as the same.</summary>
        public byte[] Checksum { get; } = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n")));
    }
}
