using System.CommandLine;

namespace OrleansCqrs.Client;

/// <summary>Options every command takes.</summary>
internal static class GlobalOptions
{
    public static readonly Option<int[]> Gateway = new("--gateway")
    {
        Description = "A silo's gateway port; repeat it to name several, and the client fails over between them (default 30000, or CQRS_GATEWAYS=30000,30001).",
        DefaultValueFactory = _ => (Environment.GetEnvironmentVariable("CQRS_GATEWAYS") ?? "30000")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray(),
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<string> Host = new("--host")
    {
        Description = "The host the gateways listen on (default 127.0.0.1, or CQRS_HOST).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CQRS_HOST") ?? "127.0.0.1",
        Recursive = true,
    };

    public static readonly Option<string> ClusterId = new("--cluster-id")
    {
        Description = "The cluster's id, as the silo's OrleansCqrs__ClusterId (default dev, or CQRS_CLUSTER_ID).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CQRS_CLUSTER_ID") ?? "dev",
        Recursive = true,
    };

    public static readonly Option<double> ConnectTimeout = new("--connect-timeout")
    {
        Description = "Seconds to keep trying to reach a gateway before giving up (default 3).",
        DefaultValueFactory = _ => 3,
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
