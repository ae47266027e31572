using Npgsql;

namespace OrleansCqrs.Silo.OrleansTables;

/// <summary>
/// Creates the Orleans ADO.NET tables the silo uses on its PostgreSQL — reminders always, membership when
/// clustering is ADO.NET (the scripts ship with the Orleans repository, not its packages) — once per database, as
/// the owner, under an advisory lock so silos starting together agree.
/// </summary>
internal static class OrleansTablesSchema
{
    private const long MigrationLock = 0x4f524c4e53434c55; // "ORLNSCLU"

    public static async Task MigrateAsync(string ownerConnectionString, bool withClustering, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"select pg_advisory_lock({MigrationLock})", cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ApplyUnlessPresentAsync(connection, "orleansquery", "001_Main.sql", cancellationToken);
            if (withClustering)
            {
                await ApplyUnlessPresentAsync(connection, "orleansmembershiptable", "002_Clustering.sql", cancellationToken);
            }

            await ApplyUnlessPresentAsync(connection, "orleansreminderstable", "003_Reminders.sql", cancellationToken);
            await ExecuteAsync(connection, Read("004_grant_writer_role.sql"), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await ExecuteAsync(connection, $"select pg_advisory_unlock({MigrationLock})", CancellationToken.None);
        }
    }

    private static async Task ApplyUnlessPresentAsync(NpgsqlConnection connection, string table, string script, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand($"select to_regclass('{table}') is not null", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            await ExecuteAsync(connection, Read(script), cancellationToken);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Read(string script)
    {
        using var stream = typeof(OrleansTablesSchema).Assembly.GetManifestResourceStream($"OrleansCqrs.Silo.OrleansTables.{script}")
            ?? throw new InvalidOperationException($"Embedded Orleans script {script} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
