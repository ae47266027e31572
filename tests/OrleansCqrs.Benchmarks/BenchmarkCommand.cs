namespace OrleansCqrs.Benchmarks;

internal static class BenchmarkCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine(error.Message);
            Console.Error.WriteLine("usage: SCENARIO [--name value]…  scenarios: store-append (--writers --batch --seconds --warmup --group-commit on|off --groups N --idempotency-keys on|off), store-read-all (--events --page --warmup), grain-commands (--clients --seconds --warmup --read-models on|off), aggregate-load (--events --activations --warmup --snapshots on|off), rebuild (--events --streams --runs), lag (--writers --events --sample-ms), client-roundtrip (--runs --gateway --clients a.dll,b.dll; against a running silo)");
            return 2;
        }

        if (options.Scenario == "client-roundtrip")
        {
            // Measures the client against the silo already running; needs no database of its own.
            await ClientRoundTripScenario.RunAsync(options);
            return 0;
        }

        await using var database = await BenchmarkDatabase.OpenAsync();
        switch (options.Scenario)
        {
            case "store-append":
                await StoreAppendScenario.RunAsync(database, options);
                return 0;
            case "store-read-all":
                await StoreReadAllScenario.RunAsync(database, options);
                return 0;
            case "grain-commands":
                await GrainCommandsScenario.RunAsync(database, options);
                return 0;
            case "aggregate-load":
                await AggregateLoadScenario.RunAsync(database, options);
                return 0;
            case "rebuild":
                await RebuildScenario.RunAsync(database, options);
                return 0;
            case "lag":
                await LagScenario.RunAsync(database, options);
                return 0;
            default:
                Console.Error.WriteLine($"Unknown scenario '{options.Scenario}': use store-append, store-read-all, grain-commands, aggregate-load, rebuild or lag.");
                return 2;
        }
    }
}
