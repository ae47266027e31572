namespace OrleansCqrs.Benchmarks;

/// <summary>The harness's command line: a scenario name followed by --name value pairs.</summary>
internal sealed class BenchmarkOptions
{
    private readonly Dictionary<string, string> _values;

    private BenchmarkOptions(string scenario, Dictionary<string, string> values)
    {
        Scenario = scenario;
        _values = values;
    }

    public string Scenario { get; }

    public static BenchmarkOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException("Name a scenario first: store-append or store-read-all.");
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected '--name value' at '{args[i]}'.");
            }

            values[args[i][2..]] = args[++i];
        }

        return new BenchmarkOptions(args[0], values);
    }

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var value)
            ? int.TryParse(value, out var parsed) && parsed >= 0 ? parsed : throw new ArgumentException($"--{name} must be a whole number ≥ 0, not '{value}'.")
            : fallback;

    public string String(string name, string fallback) => _values.TryGetValue(name, out var value) ? value : fallback;

    public bool Flag(string name, bool fallback) =>
        _values.TryGetValue(name, out var value)
            ? value switch
            {
                "on" or "true" => true,
                "off" or "false" => false,
                _ => throw new ArgumentException($"--{name} takes on or off, not '{value}'."),
            }
            : fallback;
}
