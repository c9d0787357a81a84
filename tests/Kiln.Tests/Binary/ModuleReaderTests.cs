using Kiln.Binary;
using static Kiln.Tests.Binary.Wasm;

namespace Kiln.Tests.Binary;

public class ModuleReaderTests
{
    private static WasmDecodeException Malformed(byte[] bytes) => Assert.Throws<WasmDecodeException>(() => ModuleReader.Decode(bytes));

    [Fact]
    public void Decode_accepts_the_empty_module()
    {
        var m = ModuleReader.Decode(Header);
        Assert.Empty(m.Types);
        Assert.Empty(m.Code);
        Assert.Null(m.Start);
    }

    [Theory]
    [InlineData(new byte[] { }, "unexpected end")]
    [InlineData(new byte[] { 0x00, 0x61, 0x73 }, "unexpected end")]
    [InlineData(new byte[] { 0x61, 0x73, 0x6D, 0x00 }, "magic header not detected")]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6D, 0x01 }, "unexpected end")]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00 }, "unknown binary version")]
    public void Decode_checks_the_header(byte[] bytes, string reason)
    {
        Assert.StartsWith(reason, Malformed(bytes).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_reads_types_with_rec_groups_subtypes_structs_and_arrays()
    {
        var m = ModuleReader.Decode(Module(Section(1,
            0x03,
            0x60, 0x01, 0x7F, 0x01, 0x7E,                  // (func (param i32) (result i64))
            0x4E, 0x02,                                    // (rec
            0x50, 0x00, 0x5F, 0x02, 0x78, 0x01, 0x63, 0x01, 0x00, //   (sub (struct (field (mut i8)) (field (ref null 1)))))
            0x4F, 0x01, 0x01, 0x5E, 0x7D, 0x00,            //   (sub final 1 (array f32)))
            0x5E, 0x77, 0x01)));                           // (array (mut i16))
        Assert.Equal(4, m.Types.Count);
        Assert.Equal([new RecGroup(0, 1), new RecGroup(1, 2), new RecGroup(3, 1)], m.RecGroups);
        var func = Assert.IsType<FuncType>(m.Types[0].Composite);
        Assert.Equal([ValType.I32], func.Params);
        Assert.Equal([ValType.I64], func.Results);
        Assert.True(m.Types[0].Final);
        Assert.False(m.Types[1].Final);
        var str = Assert.IsType<StructType>(m.Types[1].Composite);
        Assert.Equal([new FieldType(ValType.I8, true), new FieldType(ValType.Ref(HeapType.OfIndex(1), true), false)], str.Fields);
        Assert.True(m.Types[2].Final);
        Assert.Equal([1], m.Types[2].SuperTypes);
        Assert.Equal(new FieldType(ValType.I16, true), Assert.IsType<ArrayType>(m.Types[3].Composite).Element);
    }

    [Fact]
    public void Decode_reads_imports_of_all_kinds()
    {
        var m = ModuleReader.Decode(Module(
            Section(1, 0x01, 0x60, 0x00, 0x00),
            Section(2, [0x05,
                .. Name("m"), .. Name("f"), 0x00, 0x00,
                .. Name("m"), .. Name("t"), 0x01, 0x70, 0x05, 0x01, 0x02,
                .. Name("m"), .. Name("mem"), 0x02, 0x03, 0x01, 0x02,
                .. Name("m"), .. Name("g"), 0x03, 0x7C, 0x01,
                .. Name("m"), .. Name("e"), 0x04, 0x00, 0x00])));
        Assert.Equal([ExternKind.Function, ExternKind.Table, ExternKind.Memory, ExternKind.Global, ExternKind.Tag], m.Imports.Select(i => i.Kind));
        Assert.Equal(new TableType(ValType.FuncRef, new Limits(1, 2), Is64: true), m.Imports[1].Table);
        Assert.Equal(new MemoryType(new Limits(1, 2), Shared: true), m.Imports[2].Memory);
        Assert.Equal(new GlobalType(ValType.F64, true), m.Imports[3].Global);
        Assert.Equal(0, m.Imports[4].TypeIndex);
        Assert.Equal(1, m.ImportedFunctionCount);
        Assert.Equal(1, m.ImportedTagCount);
    }

    [Fact]
    public void Decode_reads_tables_memories_globals_exports_start_and_tags()
    {
        var m = ModuleReader.Decode(Module(
            Section(1, 0x01, 0x60, 0x00, 0x00),
            Section(3, 0x01, 0x00),
            Section(4, 0x02, 0x6F, 0x00, 0x0A, 0x40, 0x00, 0x64, 0x70, 0x00, 0x01, 0xD2, 0x00, 0x0B),
            Section(5, 0x01, 0x05, 0x00, 0x80, 0x80, 0x04),
            Section(13, 0x01, 0x00, 0x00),
            Section(6, 0x01, 0x7F, 0x00, 0x41, 0x2A, 0x0B),
            Section(7, [0x02, .. Name("f"), 0x00, 0x00, .. Name("tag"), 0x04, 0x00]),
            Section(8, 0x00),
            Section(10, 0x01, 0x02, 0x00, 0x0B)));
        Assert.Equal(new Table(new TableType(ValType.ExternRef, new Limits(10, null)), null), m.Tables[0]);
        Assert.Equal(ValType.Ref(HeapType.Func, nullable: false), m.Tables[1].Type.ElementType);
        Assert.Equal([0xD2, 0x00, 0x0B], m.Tables[1].Init!.Value.Code.ToArray());
        Assert.Equal(new MemoryType(new Limits(0, 0x10000), Is64: true), m.Memories[0]);
        Assert.Equal([0], m.Tags);
        Assert.Equal(new GlobalType(ValType.I32, false), m.Globals[0].Type);
        Assert.Equal([0x41, 0x2A, 0x0B], m.Globals[0].Init.Code.ToArray());
        Assert.Equal([new Export("f", ExternKind.Function, 0), new Export("tag", ExternKind.Tag, 0)], m.Exports);
        Assert.Equal(0, m.Start);
    }

    [Fact]
    public void Expr_values_point_into_the_original_bytes()
    {
        var bytes = Module(Section(6, 0x01, 0x7F, 0x00, 0x41, 0x2A, 0x0B));
        var init = ModuleReader.Decode(bytes).Globals[0].Init;
        Assert.Equal(bytes.Length - 3, init.Offset);
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(init.Code, out var segment));
        Assert.Same(bytes, segment.Array);
    }

    [Fact]
    public void Decode_reads_all_eight_element_segment_encodings()
    {
        byte[] offset = [0x41, 0x00, 0x0B];
        byte[] item = [0xD2, 0x00, 0x0B];
        var m = ModuleReader.Decode(Module(
            Section(1, 0x01, 0x60, 0x00, 0x00),
            Section(3, 0x01, 0x00),
            Section(4, 0x02, 0x70, 0x00, 0x01, 0x70, 0x00, 0x01),
            Section(9, [0x08,
                0x00, .. offset, 0x01, 0x00,
                0x01, 0x00, 0x01, 0x00,
                0x02, 0x01, .. offset, 0x00, 0x01, 0x00,
                0x03, 0x00, 0x01, 0x00,
                0x04, .. offset, 0x01, .. item,
                0x05, 0x70, 0x01, .. item,
                0x06, 0x01, .. offset, 0x70, 0x01, .. item,
                0x07, 0x70, 0x01, .. item]),
            Section(10, 0x01, 0x02, 0x00, 0x0B)));
        var e = m.Elements;
        Assert.Equal(
            [SegmentMode.Active, SegmentMode.Passive, SegmentMode.Active, SegmentMode.Declarative, SegmentMode.Active, SegmentMode.Passive, SegmentMode.Active, SegmentMode.Declarative],
            e.Select(s => s.Mode));
        Assert.Equal([0, 0, 1, 0, 0, 0, 1, 0], e.Select(s => s.TableIndex));
        Assert.All(e.Take(4), s => Assert.Equal([0], s.FunctionIndices!));
        Assert.All(e.Take(4), s => Assert.Equal(ValType.Ref(HeapType.Func, nullable: false), s.ElementType));
        Assert.All(e.Skip(4), s => Assert.Equal(item, Assert.Single(s.Expressions!).Code.ToArray()));
        Assert.All(e.Skip(4), s => Assert.Equal(ValType.FuncRef, s.ElementType));
        Assert.Equal(offset, e[2].Offset.Code.ToArray());
    }

    [Fact]
    public void Decode_reads_data_segments_and_data_count()
    {
        var m = ModuleReader.Decode(Module(
            Section(5, 0x02, 0x00, 0x01, 0x00, 0x01),
            Section(12, 0x03),
            Section(11, 0x03, 0x00, 0x41, 0x00, 0x0B, 0x02, 0x61, 0x62, 0x01, 0x01, 0x63, 0x02, 0x01, 0x41, 0x08, 0x0B, 0x00)));
        Assert.Equal(3u, m.DataCount);
        Assert.Equal("ab"u8.ToArray(), m.Data[0].Bytes.ToArray());
        Assert.Equal(SegmentMode.Passive, m.Data[1].Mode);
        Assert.Equal(1, m.Data[2].MemoryIndex);
        Assert.Equal([0x41, 0x08, 0x0B], m.Data[2].Offset.Code.ToArray());
    }

    [Fact]
    public void Decode_reads_locals_and_bodies()
    {
        var m = ModuleReader.Decode(Module(OneFunction(0x02, 0x02, 0x7F, 0x01, 0x7E, 0x20, 0x00, 0x1A, 0x0B)));
        var body = Assert.Single(m.Code);
        Assert.Equal([new LocalGroup(2, ValType.I32), new LocalGroup(1, ValType.I64)], body.Locals);
        Assert.Equal(3, body.LocalCount);
        Assert.Equal([0x20, 0x00, 0x1A, 0x0B], body.Body.Code.ToArray());
    }

    [Fact]
    public void Decode_accepts_a_five_byte_call_indirect_table_index()
    {
        var m = ModuleReader.Decode(Module(OneFunction(0x00, 0x41, 0x00, 0x11, 0x00, 0x80, 0x80, 0x80, 0x80, 0x00, 0x0B)));
        var code = new InstructionReader(m.Code[0].Body);
        code.Read();
        Assert.Equal(Opcode.CallIndirect, code.Read());
        Assert.Equal(0u, code.Index2);
    }

    [Fact]
    public void Decode_keeps_custom_sections_with_their_placement()
    {
        var m = ModuleReader.Decode(Module(
            Section(0, [.. Name("first"), 0x01, 0x02]),
            Section(1, 0x01, 0x60, 0x00, 0x00),
            Section(0, [.. Name("after types")])));
        Assert.Equal("first", m.CustomSections[0].Name);
        Assert.Equal(0, m.CustomSections[0].After);
        Assert.Equal([0x01, 0x02], m.CustomSections[0].Content.ToArray());
        Assert.Equal(1, m.CustomSections[1].After);
        Assert.Null(m.Names);
    }

    [Fact]
    public void Decode_parses_every_name_subsection()
    {
        byte[] map = [0x01, 0x00, .. Name("x")];
        byte[] indirect = [0x01, 0x00, .. map];
        byte[] content = [.. Name("name"), 0x00, .. Leb((uint)Name("mod").Length), .. Name("mod")];
        for (byte id = 1; id <= 11; id++)
        {
            byte[] sub = id is 2 or 3 or 10 ? indirect : map;
            content = [.. content, id, .. Leb((uint)sub.Length), .. sub];
        }

        var names = ModuleReader.Decode(Module(Section(0, content))).Names!;
        Assert.Equal("mod", names.ModuleName);
        foreach (var flat in new[] { names.FunctionNames, names.TypeNames, names.TableNames, names.MemoryNames, names.GlobalNames, names.ElementNames, names.DataNames, names.TagNames })
        {
            Assert.Equal("x", flat[0]);
        }

        foreach (var nested in new[] { names.LocalNames, names.LabelNames, names.FieldNames })
        {
            Assert.Equal("x", nested[0][0]);
        }
    }

    [Fact]
    public void A_broken_name_section_keeps_earlier_subsections_and_does_not_fail_the_module()
    {
        byte[] functions = [0x01, 0x03, .. Name("f")];
        byte[] content = [.. Name("name"), 0x01, .. Leb((uint)functions.Length), .. functions, 0x02, 0x05, 0x01, 0x00, 0x09, 0xFF, 0xFF];
        var m = ModuleReader.Decode(Module(Section(0, content)));
        Assert.Equal("f", m.Names!.FunctionNames[3]);
        Assert.Empty(m.Names.LocalNames);
    }

    [Fact]
    public void Decode_accepts_legacy_exception_blocks()
    {
        ModuleReader.Decode(Module(
            Section(1, 0x01, 0x60, 0x00, 0x00),
            Section(3, 0x01, 0x00),
            Section(13, 0x01, 0x00, 0x00),
            Section(10, 0x01, 0x12, 0x00,
                0x06, 0x40, 0x07, 0x00, 0x19, 0x0B, // try catch 0 catch_all end
                0x06, 0x40, 0x18, 0x00,             // try delegate 0
                0x1F, 0x40, 0x01, 0x02, 0x00, 0x0B, // try_table (catch_all 0) end
                0x0B)));
    }

    [Theory]
    [MemberData(nameof(MalformedModules))]
    public void Decode_reports_the_reference_interpreters_reason_and_offset(string reason, int offset, byte[] bytes)
    {
        var e = Malformed(bytes);
        Assert.StartsWith(reason, e.Reason, StringComparison.Ordinal);
        Assert.Equal(offset, e.Offset);
    }

    public static TheoryData<string, int, byte[]> MalformedModules()
    {
        var code = Header.Length + 6 + 4 + 4; // first byte of the code section's first body, after its size
        return new()
        {
            { "malformed section id", 8, Module([0x0E, 0x00]) },
            { "length out of bounds", 9, Module([0x01, 0x05, 0x00]) },
            { "section size mismatch", 10, Module(Section(1, 0x00, 0x00)) },
            { "unexpected content after last section", 11, Module(Section(3, 0x00), Section(1, 0x00)) },
            { "unexpected content after last section", 11, Module(Section(1, 0x00), Section(1, 0x00)) },
            { "malformed definition type", 11, Module(Section(1, 0x01, 0x61)) },
            { "integer representation too long", 12, Module(Section(1, 0x01, 0xE0, 0x7F)) },
            { "malformed import kind", 15, Module(Section(2, [0x01, .. Name("m"), .. Name("f"), 0x05, 0x00])) },
            { "malformed export kind", 13, Module(Section(7, [0x01, .. Name("f"), 0x05, 0x00])) },
            { "malformed limits flags", 11, Module(Section(5, 0x01, 0x08, 0x00)) },
            { "malformed limits flags", 12, Module(Section(4, 0x01, 0x70, 0x02, 0x00)) },
            { "malformed reference type", 11, Module(Section(4, 0x01, 0x7F, 0x00, 0x00)) },
            { "malformed mutability", 12, Module(Section(6, 0x01, 0x7F, 0x02, 0x41, 0x00, 0x0B)) },
            { "malformed UTF-8 encoding", 11, Module(Section(7, 0x01, 0x01, 0xFF, 0x00, 0x00)) },
            { "illegal opcode ff", code + 1, Module(OneFunction(0x00, 0xFF, 0x0B)) },
            { "illegal opcode fc 63", code + 1, Module(OneFunction(0x00, 0xFC, 0x63, 0x0B)) },
            { "END opcode expected", code + 1, Module(OneFunction(0x00, 0x05, 0x0B)) },
            { "END opcode expected", code + 4, Module(OneFunction(0x00, 0x04, 0x40, 0x05, 0x05, 0x0B, 0x0B)) },
            { "malformed memop flags", code + 4, Module(OneFunction(0x00, 0x41, 0x00, 0x28, 0x80, 0x01, 0x00, 0x1A, 0x0B)) },
            { "section size mismatch", code, Module(OneFunction(0x00, 0x0B, 0x01)) },
            { "unexpected end", code + 3, Module(OneFunction(0x00, 0x02, 0x40)) },
            { "too many locals", code, Module(OneFunction(0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x01, 0x7F, 0x0B)) },
            { "function and code section have inconsistent lengths", 18, Module(Section(1, 0x01, 0x60, 0x00, 0x00), Section(3, 0x01, 0x00)) },
            { "data count and data section have inconsistent lengths", 11, Module(Section(12, 0x01)) },
            { "data count section required", code + 5, Module(OneFunction(0x00, 0xFC, 0x09, 0x00, 0x0B)) },
            { "integer too large", 21, Module(Section(5, 0x01, 0x00, 0x82, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x70)) },
            { "malformed elements segment kind", 11, Module(Section(9, 0x01, 0x08)) },
            { "malformed data segment kind", 11, Module(Section(11, 0x01, 0x03)) },
        };
    }

    [Fact]
    public void Decode_accepts_custom_page_sizes_only_when_asked()
    {
        var bytes = Module(Section(5, 0x01, 0x08, 0x01, 0x00));
        Assert.Equal("malformed limits flags", Malformed(bytes).Reason);
        Assert.Equal(0, ModuleReader.Decode(bytes, customPageSizes: true).Memories[0].PageSizeLog2);
        Assert.Equal("invalid custom page size", Assert.Throws<WasmDecodeException>(() => ModuleReader.Decode(Module(Section(5, 0x01, 0x08, 0x00, 0x41)), customPageSizes: true)).Reason);
    }

    [Fact]
    public void Errors_name_the_section()
    {
        Assert.Equal("import", Malformed(Module(Section(2, [0x01, .. Name("m"), .. Name("f"), 0x05, 0x00]))).Section);
        Assert.Null(Malformed([0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00]).Section);
    }
}
