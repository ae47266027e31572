using Npgsql;

namespace OrleansCqrs.Silo.Clustering;

/// <summary>
/// Creates Orleans' ADO.NET membership tables (the scripts ship with the Orleans repository, not its
/// packages) once per database, as the owner, under an advisory lock so silos starting together agree.
/// </summary>
internal static class ClusteringSchema
{
    private const long MigrationLock = 0x4f524c4e53434c55; // "ORLNSCLU"

    private static readonly string[] Scripts = ["001_PostgreSQL-Main.sql", "002_PostgreSQL-Clustering.sql", "003_grant_writer_role.sql"];

    public static async Task MigrateAsync(string ownerConnectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"select pg_advisory_lock({MigrationLock})", connection))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await using var exists = new NpgsqlCommand("select to_regclass('orleansmembershiptable') is not null", connection);
            if ((bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var script in Scripts)
            {
                await using var command = new NpgsqlCommand(Read(script), connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"select pg_advisory_unlock({MigrationLock})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static string Read(string script)
    {
        using var stream = typeof(ClusteringSchema).Assembly.GetManifestResourceStream($"OrleansCqrs.Silo.Clustering.{script}")
            ?? throw new InvalidOperationException($"Embedded clustering script {script} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
