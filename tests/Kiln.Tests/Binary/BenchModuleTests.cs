using Kiln.Binary;

namespace Kiln.Tests.Binary;

/// <summary>The C programs of the shared benchmark set, compiled by clang 19 for wasm32-wasi.</summary>
public class BenchModuleTests
{
    public static TheoryData<string> Modules() => SharedData.BenchModules();

    [Fact]
    public void The_bench_modules_are_found()
    {
        Assert.NotEmpty(Modules());
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Bench_module_decodes_with_code_and_names(string path)
    {
        var m = ModuleReader.Decode(SharedData.ReadBench(path));
        Assert.NotEmpty(m.Code);
        Assert.Equal(m.Functions.Count, m.Code.Count);
        Assert.NotNull(m.Names);
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Bench_module_round_trips_through_the_writer(string path)
    {
        var bytes = SharedData.ReadBench(path);
        var m = ModuleReader.Decode(bytes);
        var written = ModuleWriter.Write(m);
        Assert.Equal(ModuleDump.Of(m), ModuleDump.Of(ModuleReader.Decode(written)));
        Assert.Equal(bytes, written);
    }
}
