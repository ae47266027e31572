using OrleansCqrs.Testing;

namespace OrleansCqrs.Client.Tests;

/// <summary>What a person types means what it says, or is refused in one line naming the accepted form (exit 4).</summary>
public sealed class InputTests
{
    private static Task<CqrsProcess.Run> RunAsync(params string[] args) =>
        // Nothing listens on port 1: a case that got past its input checks would try to connect and fail as unreachable.
        CqrsProcess.RunAsync(args, new Dictionary<string, string> { ["CQRS_GATEWAYS"] = "1" });

    public static TheoryData<string> RefusedAmounts => new()
    {
        "1,5", "1,000,5", "NaN", "1e30", "0x10", "1.234", "-1", "+1", " 1", "1.", ".5", "1 000", "٣", "Infinity", "",
    };

    [Theory]
    [MemberData(nameof(RefusedAmounts))]
    public async Task An_amount_not_in_the_invariant_form_is_refused_before_anything_is_sent(string amount)
    {
        var run = await RunAsync("account", "deposit", "acc-1", "--", amount);

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("is not an amount: write digits with at most one '.' and 2 decimals", run.Stderr);
        AssertNoInternals(run);
        Assert.DoesNotContain("Usage:", run.All);   // one line, not the help page
    }

    [Theory]
    [InlineData("12.50")]
    [InlineData("7")]
    [InlineData("0.01")]
    public async Task An_amount_in_the_invariant_form_passes_and_only_the_missing_cluster_stops_it(string amount)
    {
        var run = await RunAsync("account", "deposit", "acc-1", amount, "--connect-timeout", "0.5");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("[cluster_unreachable]", run.Stderr);
        AssertNoInternals(run);
    }

    [Theory]
    [InlineData("account", "state", "acc 3")]
    [InlineData("customer", "show", "other/c1")]
    [InlineData("transfer", "send", "acc-1", "acc 3", "5")]
    [InlineData("history", "account", "x\ty")]
    public async Task An_id_no_aggregate_can_have_is_refused_with_the_allowed_form(params string[] args)
    {
        var run = await RunAsync(args);

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("use 1 to 100 letters, digits or - _ . : @ +", run.Stderr);
        AssertNoInternals(run);
    }

    [Theory]
    [InlineData("totals", "--days", "-1")]
    [InlineData("customers", "list", "--limit", "0")]
    [InlineData("account", "show", "acc-1", "--transactions", "-1")]
    [InlineData("history", "account", "acc-1", "--max", "abc")]
    public async Task Counts_and_limits_must_be_positive(params string[] args)
    {
        var run = await RunAsync(args);

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("must be a whole number from 1 to", run.Stderr);
        AssertNoInternals(run);
    }

    [Fact]
    public async Task A_usage_error_exits_4_with_one_line_and_where_to_look()
    {
        var run = await RunAsync("account", "deposit");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("See: cqrs account deposit --help", run.Stderr);
        AssertNoInternals(run);
    }

    [Fact]
    public async Task With_nothing_listening_a_command_fails_within_its_connect_timeout_with_what_to_do()
    {
        var run = await RunAsync("account", "state", "acc-1", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.True(run.Took < TimeSpan.FromSeconds(8), $"took {run.Took}");
        Assert.Contains("\"code\": \"cluster_unreachable\"", run.Stdout);
        Assert.Contains("\"exit_code\": 1", run.Stdout);
        AssertNoInternals(run);
    }

    /// <summary>No stack trace, no .NET type or parameter names in anything a person reads.</summary>
    private static void AssertNoInternals(CqrsProcess.Run run)
    {
        Assert.DoesNotContain("   at ", run.All);
        Assert.DoesNotContain("System.", run.All);
        Assert.DoesNotContain("(Parameter", run.All);
        Assert.DoesNotContain("Unhandled exception", run.All);
    }
}
