using Kiln.Bench.Micro;

// Dispatcher: `micro [BenchmarkDotNet args]` runs the call-path micro-benchmarks.
if (args.Length > 0 && args[0] == "micro")
{
    MicroBenchmarks.Run(args[1..]);
    return 0;
}

Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Kiln.Bench -- micro [BenchmarkDotNet arguments, e.g. --filter '*' --job short]");
return 2;
