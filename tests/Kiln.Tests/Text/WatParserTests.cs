using Kiln.Binary;
using Kiln.Text;

namespace Kiln.Tests.Text;

public class WatParserTests
{
    private static WasmModule Parse(string text) => WatParser.ParseModule(text);

    private static byte[] Body(WasmModule m, int i = 0) => m.Code[i].Body.Code.ToArray();

    private static WatParseException Fails(string text) => Assert.Throws<WatParseException>(() => Parse(text));

    [Fact]
    public void ParseModule_accepts_module_form_and_bare_fields()
    {
        var a = Parse("(module $m (func))");
        var b = Parse("(func)");
        Assert.Single(a.Code);
        Assert.Single(b.Code);
        Assert.Equal("m", a.Names!.ModuleName);
    }

    [Fact]
    public void ParseModule_encodes_flat_and_folded_instructions_alike()
    {
        var flat = Parse("(func (result i32) i32.const 1 i32.const 2 i32.add)");
        var folded = Parse("(func (result i32) (i32.add (i32.const 1) (i32.const 2)))");
        Assert.Equal(new byte[] { 0x41, 1, 0x41, 2, 0x6A, 0x0B }, Body(flat));
        Assert.Equal(Body(flat), Body(folded));
    }

    [Fact]
    public void ParseModule_appends_implicit_types_and_reuses_equal_ones()
    {
        var m = Parse("(type (func (param i32))) (func (param i32)) (func (result f64) (f64.const 0)) (func (result f64) (f64.const 1))");
        Assert.Equal(2, m.Types.Count);
        Assert.Equal([0, 1, 1], m.Functions);
        Assert.Equal(ValType.F64, m.Types[1].AsFunc!.Results[0]);
    }

    [Fact]
    public void ParseModule_resolves_forward_references_and_names()
    {
        var m = Parse("(func $a (call $b)) (func $b (param $x i32) (local $y i64) (local.set $y (i64.extend_i32_u (local.get $x))))");
        Assert.Equal(new byte[] { 0x10, 1, 0x0B }, Body(m, 0));
        Assert.Equal(new byte[] { 0x20, 0, 0xAD, 0x21, 1, 0x0B }, Body(m, 1));
        Assert.Equal("b", m.Names!.FunctionNames[1]);
        Assert.Equal("y", m.Names.LocalNames[1][1]);
        Assert.Equal(new LocalGroup(1, ValType.I64), Assert.Single(m.Code[1].Locals));
    }

    [Fact]
    public void ParseModule_expands_inline_imports_and_exports()
    {
        var m = Parse("""
            (func $f (export "f") (export "g") (import "env" "f") (param i32))
            (global $g (import "env" "g") (mut i32))
            (memory (export "mem") 1 2)
            """);
        Assert.Equal(2, m.Imports.Count);
        Assert.Equal(ExternKind.Function, m.Imports[0].Kind);
        Assert.True(m.Imports[1].Global.Mutable);
        Assert.Equal(["f", "g", "mem"], m.Exports.Select(e => e.Name));
        Assert.Equal(new Limits(1, 2), m.Memories[0].Limits);
    }

    [Fact]
    public void ParseModule_encodes_labels_as_relative_depths()
    {
        var m = Parse("(func (block $out (loop $in (br_if $in (i32.const 0)) (br $out))))");
        Assert.Equal(new byte[] { 0x02, 0x40, 0x03, 0x40, 0x41, 0, 0x0D, 0, 0x0C, 1, 0x0B, 0x0B, 0x0B }, Body(m));
    }

    [Fact]
    public void ParseModule_encodes_if_with_blocktype_then_and_else()
    {
        var m = Parse("(func (result i32) (if (result i32) (i32.const 1) (then (i32.const 2)) (else (i32.const 3))))");
        Assert.Equal(new byte[] { 0x41, 1, 0x04, 0x7F, 0x41, 2, 0x05, 0x41, 3, 0x0B, 0x0B }, Body(m));
    }

    [Fact]
    public void ParseModule_encodes_memargs_with_natural_alignment_and_memory_index()
    {
        var m = Parse("(memory 1) (memory $b 1) (func (drop (i64.load32_u offset=8 (i32.const 0))) (drop (i32.load $b align=1 (i32.const 0))))");
        Assert.Equal(new byte[] { 0x41, 0, 0x35, 2, 8, 0x1A, 0x41, 0, 0x28, 0x40, 1, 0, 0x1A, 0x0B }, Body(m));
    }

    [Fact]
    public void ParseModule_encodes_v128_constants_and_shuffles()
    {
        var m = Parse("(func (result v128) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 (v128.const i16x8 1 2 3 4 5 6 7 -1) (v128.const f32x4 1 0 0 0)))");
        byte[] body = Body(m);
        Assert.Equal(new byte[] { 0xFD, 0x0C, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0xFF, 0xFF }, body[..18]);
        Assert.Equal(new byte[] { 0xFD, 0x0C, 0, 0, 0x80, 0x3F }, body[18..24]);
        Assert.Equal(new byte[] { 0xFD, 0x0D, 0, 1 }, body[36..40]);
    }

    [Fact]
    public void ParseModule_expands_inline_table_elements_and_memory_data()
    {
        var m = Parse("(func $f) (table $t funcref (elem $f $f)) (memory (data \"ab\" \"c\"))");
        Assert.Equal(new Limits(2, 2), m.Tables[0].Type.Limits);
        Assert.Equal([0, 0], m.Elements[0].FunctionIndices!);
        Assert.Equal(SegmentMode.Active, m.Elements[0].Mode);
        Assert.Equal(new Limits(1, 1), m.Memories[0].Limits);
        Assert.Equal("abc"u8.ToArray(), m.Data[0].Bytes.ToArray());
    }

    [Fact]
    public void ParseModule_reads_every_element_segment_form()
    {
        var m = Parse("""
            (table $t 4 funcref) (func $f)
            (elem (i32.const 0) $f)
            (elem $p func $f)
            (elem declare funcref (ref.func $f))
            (elem (table $t) (offset (i32.const 1)) funcref (item ref.func $f) (ref.null func))
            """);
        Assert.Equal([SegmentMode.Active, SegmentMode.Passive, SegmentMode.Declarative, SegmentMode.Active], m.Elements.Select(e => e.Mode));
        Assert.Equal(2, m.Elements[3].Expressions!.Length);
        Assert.Equal(new byte[] { 0xD0, 0x70, 0x0B }, m.Elements[3].Expressions![1].Code.ToArray());
    }

    [Fact]
    public void ParseModule_reads_gc_types_and_field_names()
    {
        var m = Parse("""
            (rec (type $a (sub (struct (field $x i32) (field $y (mut i64))))) (type $b (sub final $a (struct (field i32) (field (mut i64))))))
            (type $arr (array (mut i8)))
            (func (param (ref null $a)) (result i64) (struct.get $a $y (local.get 0)))
            """);
        Assert.Equal(new RecGroup(0, 2), m.RecGroups[0]);
        Assert.False(m.Types[0].Final);
        Assert.Equal([0], m.Types[1].SuperTypes);
        Assert.Equal(ValType.I8, ((ArrayType)m.Types[2].Composite).Element.Type);
        Assert.Equal(new byte[] { 0x20, 0, 0xFB, 0x02, 0, 1, 0x0B }, Body(m));
    }

    [Fact]
    public void ParseModule_resolves_try_table_catch_labels_outside_the_block()
    {
        var m = Parse("(tag $e (param i32)) (func (result i32) (block $h (result i32) (try_table (catch $e $h) (throw $e (i32.const 1))) (i32.const 0)))");
        Assert.Equal(new byte[] { 0x02, 0x7F, 0x1F, 0x40, 1, 0, 0, 0, 0x41, 1, 0x08, 0, 0x0B, 0x41, 0, 0x0B, 0x0B }, Body(m));
    }

    [Fact]
    public void ParseModule_places_custom_annotations()
    {
        var m = Parse("(module (@custom \"a\" \"x\") (@custom \"b\" (before func) \"y\" \"z\") (func))");
        Assert.Equal(("a", 11), (m.CustomSections[0].Name, m.CustomSections[0].After));
        Assert.Equal(("b", 2), (m.CustomSections[1].Name, m.CustomSections[1].After));
        Assert.Equal("yz"u8.ToArray(), m.CustomSections[1].Content.ToArray());
    }

    [Fact]
    public void ParseModule_takes_names_from_name_annotations()
    {
        var m = Parse("(module (@name \"Modul\") (func $f (@name \"λ\")))");
        Assert.Equal("Modul", m.Names!.ModuleName);
        Assert.Equal("λ", m.Names.FunctionNames[0]);
    }

    [Fact]
    public void ParseModule_reads_memory64_shared_and_page_sizes()
    {
        var m = Parse("(memory i64 1 2 shared) (memory 0 1 (pagesize 1)) (table i64 1 externref)");
        Assert.True(m.Memories[0].Is64);
        Assert.True(m.Memories[0].Shared);
        Assert.Equal(0, m.Memories[1].PageSizeLog2);
        Assert.True(m.Tables[0].Type.Is64);
    }

    [Fact]
    public void ParseModule_needs_data_count_when_code_uses_data_indices()
    {
        Assert.Null(Parse("(memory 1) (data (i32.const 0) \"a\")").DataCount);
        Assert.Equal(1u, Parse("(memory 1) (data $d \"a\") (func (data.drop $d))").DataCount);
    }

    [Theory]
    [InlineData("(func $f) (func $f)", "duplicate func $f", 1, 17)]
    [InlineData("(func (param $x i32) (local $x i32))", "duplicate local $x", 1, 29)]
    [InlineData("(func (br $l))", "unknown label $l", 1, 11)]
    [InlineData("(func (call $g))", "unknown function $g", 1, 13)]
    [InlineData("(func block $a end $b)", "mismatching label", 1, 20)]
    [InlineData("(type $t (func (param i32))) (func (type $t) (param i64))", "inline function type", 1, 36)]
    [InlineData("(func)\n(import \"a\" \"b\" (func))", "import after function", 2, 2)]
    [InlineData("(func (i32.add2))", "unknown operator i32.add2", 1, 8)]
    [InlineData("(func (i32.const 4294967296) drop)", "constant out of range", 1, 18)]
    [InlineData("(func (f32.const 1e39) drop)", "constant out of range", 1, 18)]
    [InlineData("(memory 1) (func (drop (i32.load align=3 (i32.const 0))))", "alignment must be a power of two", 1, 34)]
    [InlineData("(func (v128.const i32x4 1 2 3) drop)", "wrong number of lane literals", 1, 30)]
    [InlineData("(start 0) (start 0) (func)", "multiple start sections", 1, 12)]
    [InlineData("(func", "unexpected end of input", 1, 6)]
    [InlineData("(func (nop) (@custom \"x\"))", "misplaced @custom annotation", 1, 13)]
    public void ParseModule_reports_errors_with_positions(string text, string reason, int line, int column)
    {
        var e = Fails(text);
        Assert.Equal(reason, e.Reason);
        Assert.Equal((line, column), (e.Line, e.Column));
    }

    [Fact]
    public void ParseModule_shifts_lines_by_firstLine()
    {
        var e = Assert.Throws<WatParseException>(() => WatParser.ParseModule("(func\n (nop2))", firstLine: 41));
        Assert.Equal(42, e.Line);
    }

    [Fact]
    public void ParseModule_continues_from_a_script_token_list()
    {
        var tokens = WatLexer.Tokenize("(module $m (func)) (assert_invalid)", 1, keepAnnotations: true);
        int pos = 0;
        var m = WatParser.ParseModule(tokens, ref pos);
        Assert.Single(m.Code);
        Assert.Equal(WatTokenKind.LParen, tokens[pos].Kind);
        Assert.Equal("assert_invalid", tokens[pos + 1].Text);
    }

    [Fact]
    public void ParseModule_output_validates()
    {
        var m = Parse("""
            (type $s (struct (field $v (mut i32))))
            (memory 1) (table 2 funcref)
            (func $id (param i32) (result i32) local.get 0)
            (func (export "run") (result i32)
              (local $r (ref null $s))
              (local.set $r (struct.new $s (i32.const 5)))
              (struct.set $s $v (local.get $r) (i32.add (struct.get $s $v (local.get $r)) (call $id (i32.const 1))))
              (i32.store (i32.const 0) (struct.get $s $v (local.get $r)))
              (call_indirect (param i32) (result i32) (i32.load (i32.const 0)) (i32.const 0)))
            (elem (i32.const 0) $id)
            """);
        Kiln.Validation.ModuleValidator.Validate(m);
    }
}
