namespace OrleansCqrs.LocalPostgres;

/// <summary>Finds the machine's PostgreSQL server programs.</summary>
internal static class PostgresBinaries
{
    public static string Find(PostgresServerOptions options)
    {
        var candidates = new List<string>();
        if (options.BinDirectory is not null)
        {
            candidates.Add(options.BinDirectory);
        }
        else
        {
            if (Environment.GetEnvironmentVariable(PostgresServer.BinDirectoryVariable) is { Length: > 0 } fromEnvironment)
            {
                candidates.Add(fromEnvironment);
            }

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
            ?? throw new PostgresNotInstalledException();
    }

    private static double VersionOf(string directory) =>
        double.TryParse(Path.GetFileName(directory), System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : 0;
}
