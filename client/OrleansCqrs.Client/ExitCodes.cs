namespace OrleansCqrs.Client;

/// <summary>
/// The one vocabulary of outcomes every command uses, in its exit code and in <c>--json</c> (<c>exit_code</c>). The README
/// has the same table.
/// </summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Done = 0;

    /// <summary>Retryable: the cluster or the store is away, or the outcome is unknown; run the same command again (same --command-id).</summary>
    public const int Retry = 1;

    /// <summary>Refused by the domain (insufficient funds, account closed, …): the code and message say why.</summary>
    public const int Refused = 2;

    /// <summary>What was asked for does not exist (an account never opened, a transfer never sent).</summary>
    public const int NotFound = 3;

    /// <summary>Invalid input or usage: nothing was sent, or the id names nothing that can exist.</summary>
    public const int Invalid = 4;

    /// <summary>Needs an operator: a stream that cannot be read, a store that refuses; retrying alone will not help.</summary>
    public const int Broken = 5;

    /// <summary>The exit code of an error code a grain or the store reported.</summary>
    public static int ForError(string code) => code switch
    {
        "store_unavailable" or "outcome_unknown" or "cluster_unreachable" or "cluster_unavailable" or "read_model_unavailable" => Retry,
        "not_found" => NotFound,
        "invalid_aggregate_id" or "invalid_argument" or "invalid_input" or "invalid_id" or "invalid_command_id" => Invalid,
        _ => Broken,
    };
}
