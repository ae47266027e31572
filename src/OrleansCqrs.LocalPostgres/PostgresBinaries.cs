namespace OrleansCqrs.LocalPostgres;

/// <summary>Finds the machine's PostgreSQL server programs.</summary>
internal static class PostgresBinaries
{
    public static string Find(PostgresServerOptions options)
    {
        var candidates = new List<string>();
        // A folder named by the caller or the operator is the only place looked at: a wrong path must
        // fail loudly rather than quietly start some other PostgreSQL.
        var named = options.BinDirectory ?? Environment.GetEnvironmentVariable(PostgresServer.BinDirectoryVariable);
        if (!string.IsNullOrEmpty(named))
        {
            candidates.Add(named);
        }
        else
        {
            foreach (var root in options.SearchRoots.Where(Directory.Exists))
            {
                candidates.AddRange(Directory.GetDirectories(root)
                    .OrderByDescending(VersionOf)
                    .Select(dir => Path.Combine(dir, "bin")));
                candidates.Add(Path.Combine(root, "bin"));
            }

            candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        }

        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            ?? throw new PostgresNotInstalledException(string.IsNullOrEmpty(named) ? null : named);
    }

    private static double VersionOf(string directory) =>
        double.TryParse(Path.GetFileName(directory), System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : 0;
}
