namespace Kiln.Bench.Macro;

/// <summary>A runtime the suite is timed on. Each run gets a fresh instance (and store) over a module prepared once.</summary>
internal interface IBenchRuntime : IDisposable
{
    /// <summary>The column name in the table.</summary>
    string Name { get; }

    /// <summary>Loads (and, for ahead-of-time engines, compiles) the module of <paramref name="bench"/>.</summary>
    void Prepare(BenchmarkCase bench);

    /// <summary>Runs <paramref name="bench"/> once with <paramref name="scratch"/> preopened as <c>/</c>.</summary>
    BenchRun Run(BenchmarkCase bench, string scratch);
}
