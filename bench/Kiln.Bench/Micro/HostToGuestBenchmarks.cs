using BenchmarkDotNet.Attributes;

namespace Kiln.Bench.Micro;

/// <summary>One typed host → guest call of <c>(i32, i32) -> i32</c> through the delegate each engine's typed lookup gives.</summary>
public class HostToGuestBenchmarks : InstancePairBenchmarks
{
    private Func<int, int, int> _kilnAdd = null!;
    private Func<int, int, int> _wasmtimeAdd = null!;
    private int _x;

    [GlobalSetup]
    public void Setup()
    {
        var (kiln, wasmtime) = Instantiate("add", MicroModules.Add);
        _kilnAdd = kiln.GetFunction<int, int, int>("add")!;
        _wasmtimeAdd = wasmtime.GetFunction<int, int, int>("add")!;
    }

    [Benchmark]
    public int Kiln() => _x = _kilnAdd(_x, 1);

    [Benchmark(Baseline = true)]
    public int Wasmtime() => _x = _wasmtimeAdd(_x, 1);
}
