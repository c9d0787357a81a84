using Kiln.Bench.Macro;
using Kiln.Bench.Micro;

// `micro [BenchmarkDotNet args]` runs the call-path micro-benchmarks; anything else is the macro runner's command line.
if (args.Length > 0 && args[0] == "micro")
{
    MicroBenchmarks.Run(args[1..]);
    return 0;
}

return MacroRunner.Run(args, Console.Out, Console.Error);
