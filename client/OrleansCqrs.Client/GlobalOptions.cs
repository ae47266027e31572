using System.CommandLine;

namespace OrleansCqrs.Client;

/// <summary>Options every command takes.</summary>
internal static class GlobalOptions
{
    public static readonly Option<int> Gateway = new("--gateway")
    {
        Description = "The silo's gateway port on localhost.",
        DefaultValueFactory = _ => 30000,
        Recursive = true,
    };

    public static readonly Option<string> Tenant = new("--tenant")
    {
        Description = "The tenant whose aggregates to address.",
        DefaultValueFactory = _ => "default",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print results as JSON, for scripts.",
        Recursive = true,
    };

    public static readonly Option<string?> CommandId = new("--command-id")
    {
        Description = "Idempotency key of the command; repeat it to retry safely (default: a new id).",
    };
}
