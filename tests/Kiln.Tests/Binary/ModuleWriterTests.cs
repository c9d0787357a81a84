using Kiln.Binary;
using static Kiln.Tests.Binary.Wasm;

namespace Kiln.Tests.Binary;

public class ModuleWriterTests
{
    /// <summary>A canonically encoded module that uses every section.</summary>
    private static byte[] EverySection() => Module(
        Section(0, [.. Name("before"), 0x01]),
        Section(1, 0x03, 0x60, 0x01, 0x7F, 0x00, 0x4E, 0x02, 0x50, 0x00, 0x5F, 0x01, 0x78, 0x01, 0x4F, 0x01, 0x01, 0x5F, 0x00, 0x5E, 0x63, 0x01, 0x00),
        Section(2, [0x02, .. Name("m"), .. Name("f"), 0x00, 0x00, .. Name("m"), .. Name("mem"), 0x02, 0x07, 0x01, 0x02]),
        Section(3, 0x02, 0x00, 0x00),
        Section(4, 0x02, 0x70, 0x00, 0x02, 0x40, 0x00, 0x64, 0x70, 0x04, 0x01, 0xD2, 0x01, 0x0B),
        Section(5, 0x01, 0x00, 0x01),
        Section(13, 0x01, 0x00, 0x00),
        Section(6, 0x01, 0x7E, 0x01, 0x42, 0x7F, 0x0B),
        Section(7, [0x01, .. Name("f"), 0x00, 0x01]),
        Section(0, [.. Name("after exports"), 0x02, 0x03]),
        Section(8, 0x01),
        Section(9, 0x03, 0x00, 0x41, 0x00, 0x0B, 0x01, 0x01, 0x01, 0x00, 0x01, 0x02, 0x05, 0x6F, 0x01, 0xD0, 0x6F, 0x0B),
        Section(12, 0x02),
        Section(10, 0x02, 0x04, 0x01, 0x01, 0x7F, 0x0B, 0x0C, 0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x08, 0x00, 0x01, 0x0B),
        Section(11, 0x02, 0x00, 0x41, 0x00, 0x0B, 0x01, 0x61, 0x01, 0x00),
        Section(0, [.. Name("name"), 0x01, 0x04, 0x01, 0x01, .. Name("f")]));

    [Fact]
    public void Write_reproduces_a_canonical_binary_byte_for_byte()
    {
        var bytes = EverySection();
        Assert.Equal(bytes, ModuleWriter.Write(ModuleReader.Decode(bytes)));
    }

    [Fact]
    public void Decode_of_Write_equals_the_module()
    {
        var m = ModuleReader.Decode(EverySection());
        Assert.Equal(ModuleDump.Of(m), ModuleDump.Of(ModuleReader.Decode(ModuleWriter.Write(m))));
    }

    [Fact]
    public void Write_builds_the_name_section_from_Names_when_there_is_no_raw_one()
    {
        var m = ModuleReader.Decode(Module(OneFunction(0x00, 0x0B)));
        m.Names = new NameSection { ModuleName = "mod" };
        m.Names.FunctionNames[0] = "main";
        m.Names.LocalNames[0] = new() { [0] = "x" };
        m.Names.FieldNames[1] = new() { [2] = "y" };
        var back = ModuleReader.Decode(ModuleWriter.Write(m));
        Assert.Equal("name", Assert.Single(back.CustomSections).Name);
        Assert.Equal(ModuleDump.Of(m), ModuleDump.Of(back).Replace(ModuleDump.Of(back).Split('\n').Single(l => l.StartsWith("custom", StringComparison.Ordinal)) + "\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_adds_the_data_count_section_when_code_uses_a_data_index()
    {
        var m = new WasmModule();
        m.Types.Add(new SubType(new FuncType([], []), true, []));
        m.Functions.Add(0);
        m.Code.Add(new FunctionBody([], new Expr(new byte[] { 0xFC, 0x09, 0x00, 0x0B }, 0)));
        m.Data.Add(new DataSegment(SegmentMode.Passive, new byte[] { 1 }));
        var back = ModuleReader.Decode(ModuleWriter.Write(m));
        Assert.Equal(1u, back.DataCount);
    }

    [Fact]
    public void Write_encodes_function_indices_of_another_type_as_expressions()
    {
        var m = new WasmModule();
        m.Elements.Add(new ElementSegment(SegmentMode.Passive, ValType.FuncRef) { FunctionIndices = [3] });
        var e = Assert.Single(ModuleReader.Decode(ModuleWriter.Write(m)).Elements);
        Assert.Equal(ValType.FuncRef, e.ElementType);
        Assert.Equal([0xD2, 0x03, 0x0B], Assert.Single(e.Expressions!).Code.ToArray());
    }

    [Fact]
    public void Write_keeps_custom_sections_in_place_when_their_neighbour_is_absent()
    {
        var m = new WasmModule();
        m.Types.Add(new SubType(new FuncType([], []), true, []));
        m.CustomSections.Add(new CustomSection("late", new byte[] { 9 }, 11));
        m.CustomSections.Add(new CustomSection("mid", new byte[] { 8 }, 7));
        var back = ModuleReader.Decode(ModuleWriter.Write(m));
        Assert.Equal(["mid", "late"], back.CustomSections.Select(c => c.Name));
        Assert.Equal([7, 11], back.CustomSections.Select(c => c.After));
        Assert.Empty(back.Exports);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(63L)]
    [InlineData(64L)]
    [InlineData(-64L)]
    [InlineData(-65L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void WriteS64_round_trips_through_ReadS64(long value)
    {
        var w = new WasmWriter();
        w.WriteS64(value);
        var r = new WasmReader(w.WrittenSpan);
        Assert.Equal(value, r.ReadS64());
        Assert.True(r.AtEnd);
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(127UL)]
    [InlineData(128UL)]
    [InlineData(ulong.MaxValue)]
    public void WriteU64_round_trips_through_ReadU64(ulong value)
    {
        var w = new WasmWriter();
        w.WriteU64(value);
        Assert.Equal(value, new WasmReader(w.WrittenSpan).ReadU64());
    }
}
