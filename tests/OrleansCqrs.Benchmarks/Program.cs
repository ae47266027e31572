using OrleansCqrs.Benchmarks;

return await BenchmarkCommand.RunAsync(args);
