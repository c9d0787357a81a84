using Kiln.Binary;
using Kiln.Text;

namespace Kiln.Tests.Spec;

public sealed class WastParserTests
{
    private const string EmptyBinary = "(module binary \"\\00asm\" \"\\01\\00\\00\\00\")";

    private static T Single<T>(string script)
        where T : WastCommand =>
        Assert.IsType<T>(Assert.Single(WastParser.Parse(script).Commands));

    [Fact]
    public void Parse_reads_binary_module_strings_as_bytes()
    {
        var command = Single<WastModuleCommand>("(module $m binary \"\\00asm\" \"\\01\\00\\00\\00\")");
        Assert.Equal(WastModuleKind.Binary, command.Module.Kind);
        Assert.Equal("m", command.Module.Name);
        Assert.Equal(new byte[] { 0, 0x61, 0x73, 0x6D, 1, 0, 0, 0 }, command.Module.Bytes);
        Assert.False(command.Module.IsDefinition);
        Assert.False(command.IsAssertion);
    }

    [Fact]
    public void Parse_parses_text_modules_with_the_wat_parser()
    {
        var command = Single<WastModuleCommand>("(module $m (func (export \"f\") (result i32) (i32.const 1)))");
        Assert.Equal(WastModuleKind.Text, command.Module.Kind);
        Assert.Equal("m", command.Module.Name);
        Assert.Equal("f", Assert.Single(command.Module.Parsed!.Exports).Name);
    }

    [Fact]
    public void Parse_parses_text_module_definitions()
    {
        var command = Single<WastModuleCommand>("(module definition $d (memory 1) (global i32 (i32.const 0)))");
        Assert.True(command.Module.IsDefinition);
        Assert.Equal("d", command.Module.Name);
        Assert.Single(command.Module.Parsed!.Memories);
        Assert.Single(command.Module.Parsed!.Globals);
    }

    [Fact]
    public void Parse_reads_a_script_of_bare_module_fields_as_one_module()
    {
        var command = Single<WastModuleCommand>("(func) (memory 0) (func (export \"f\"))");
        Assert.Equal(2, command.Module.Parsed!.Functions.Count);
    }

    [Fact]
    public void Parse_skips_annotations_around_script_forms()
    {
        var commands = WastParser.Parse("(@a x) ((@a) module (@b) $m (@c) (func)) ((@d) register (@e) \"m\")").Commands;
        Assert.Equal("m", Assert.IsType<WastModuleCommand>(commands[0]).Module.Name);
        Assert.Equal("m", Assert.IsType<WastRegisterCommand>(commands[1]).As);
    }

    [Fact]
    public void Parse_fails_the_script_when_a_text_module_is_malformed()
    {
        Assert.Throws<WatParseException>(() => WastParser.Parse("(module (func (i32.bogus)))"));
    }

    [Fact]
    public void Parse_joins_quote_module_strings_as_text()
    {
        var command = Single<WastModuleCommand>("(module quote \"(func\" \" (result i32))\")");
        Assert.Equal(WastModuleKind.Quote, command.Module.Kind);
        Assert.Equal("(func (result i32))"u8.ToArray(), command.Module.Bytes);
    }

    [Fact]
    public void Parse_reads_module_definition_and_instance()
    {
        var commands = WastParser.Parse("(module definition $M binary \"\\00asm\\01\\00\\00\\00\")\n(module instance $I $M)\n(module instance)").Commands;
        var definition = Assert.IsType<WastModuleCommand>(commands[0]);
        Assert.True(definition.Module.IsDefinition);
        Assert.Equal("M", definition.Module.Name);
        var instance = Assert.IsType<WastInstanceCommand>(commands[1]);
        Assert.Equal(("I", "M"), (instance.Instance, instance.Definition));
        Assert.Equal(2, instance.Line);
        var bare = Assert.IsType<WastInstanceCommand>(commands[2]);
        Assert.Equal((null, null), (bare.Instance, bare.Definition));
    }

    [Fact]
    public void Parse_reads_register_with_and_without_instance()
    {
        var commands = WastParser.Parse("(register \"M\" $m) (register \"N\")").Commands;
        Assert.Equal(new WastRegisterCommand(1, "M", "m"), commands[0]);
        Assert.Equal(new WastRegisterCommand(1, "N", null), commands[1]);
    }

    [Fact]
    public void Parse_reads_invoke_arguments_of_every_kind()
    {
        var command = Single<WastActionCommand>(
            "(invoke $m \"f\" (i32.const -1) (i64.const 0x8000_0000_0000_0000) (f32.const nan:0x200000) (f64.const -0x1p-1)"
            + " (v128.const i16x8 1 2 3 4 5 6 7 -1) (ref.null func) (ref.extern 3) (ref.host 2))");
        var action = command.Action;
        Assert.False(action.IsGet);
        Assert.Equal("m", action.Module);
        Assert.Equal("f", action.Field);
        Assert.Equal(
            [
                new WastValue(WastValueKind.I32, 0xFFFF_FFFF),
                new WastValue(WastValueKind.I64, 0x8000_0000_0000_0000),
                new WastValue(WastValueKind.F32, 0x7FA0_0000),
                new WastValue(WastValueKind.F64, BitConverter.DoubleToUInt64Bits(-0.5)),
                new WastValue(WastValueKind.V128, 0x0004_0003_0002_0001, 0xFFFF_0007_0006_0005),
                new WastValue(WastValueKind.RefNull, 0, 0, HeapType.Func),
                new WastValue(WastValueKind.RefExtern, 3),
                new WastValue(WastValueKind.RefHost, 2),
            ],
            action.Args);
    }

    [Fact]
    public void Parse_reads_get()
    {
        var action = Single<WastActionCommand>("(get \"g\")").Action;
        Assert.True(action.IsGet);
        Assert.Null(action.Module);
        Assert.Equal("g", action.Field);
    }

    [Fact]
    public void Parse_reads_float_nan_patterns()
    {
        var command = Single<WastAssertReturn>("(assert_return (invoke \"f\") (f32.const nan:canonical) (f64.const nan:arithmetic) (f32.const -inf))");
        Assert.True(command.IsAssertion);
        Assert.Equal(WastResultKind.NanCanonical, command.Expected[0].Kind);
        Assert.Equal(ValType.F32, command.Expected[0].Type);
        Assert.Equal(WastResultKind.NanArithmetic, command.Expected[1].Kind);
        Assert.Equal(ValType.F64, command.Expected[1].Type);
        Assert.Equal(new WastValue(WastValueKind.F32, 0xFF80_0000), command.Expected[2].Value);
    }

    [Fact]
    public void Parse_reads_v128_lanes_with_nan_patterns_per_lane()
    {
        var command = Single<WastAssertReturn>("(assert_return (invoke \"f\") (v128.const f32x4 1.0 nan:canonical -0 nan:arithmetic))");
        var result = Assert.Single(command.Expected);
        Assert.Equal(WastResultKind.V128Lanes, result.Kind);
        Assert.Equal(WastLaneShape.F32x4, result.Shape);
        Assert.Equal(
            [WastResultKind.Exact, WastResultKind.NanCanonical, WastResultKind.Exact, WastResultKind.NanArithmetic],
            result.Lanes!.Select(l => l.Kind));
        Assert.Equal(0x3F80_0000UL, result.Lanes![0].Value!.Value.Bits);
        Assert.Equal(0x8000_0000UL, result.Lanes![2].Value!.Value.Bits);
    }

    [Fact]
    public void Parse_reads_exact_v128_results_as_one_value()
    {
        var command = Single<WastAssertReturn>("(assert_return (invoke \"f\") (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 -1))");
        var result = Assert.Single(command.Expected);
        Assert.Equal(WastResultKind.Exact, result.Kind);
        Assert.Equal(new WastValue(WastValueKind.V128, 0x0706_0504_0302_0100, 0xFF0E_0D0C_0B0A_0908), result.Value);
    }

    [Fact]
    public void Parse_reads_either_and_reference_patterns()
    {
        var command = Single<WastAssertReturn>(
            "(assert_return (invoke \"f\") (either (i32.const 1) (i32.const 2)) (ref.null) (ref.null any) (ref.func) (ref.extern)"
            + " (ref.extern 7) (ref.host 1) (ref.struct) (ref.array) (ref.i31) (ref.eq) (ref.any) (ref.exn))");
        var e = command.Expected;
        Assert.Equal(WastResultKind.Either, e[0].Kind);
        Assert.Equal(2, e[0].Alternatives!.Length);
        Assert.Equal(
            [
                WastResultKind.RefNull, WastResultKind.RefNull, WastResultKind.RefFunc, WastResultKind.RefExtern, WastResultKind.RefExtern,
                WastResultKind.RefHost, WastResultKind.RefStruct, WastResultKind.RefArray, WastResultKind.RefI31, WastResultKind.RefEq,
                WastResultKind.RefAny, WastResultKind.RefExn,
            ],
            e.Skip(1).Select(r => r.Kind));
        Assert.Null(e[4].Value);
        Assert.Equal(7UL, e[5].Value!.Value.Bits);
    }

    [Fact]
    public void Parse_reads_assert_trap_on_action_and_on_module()
    {
        var commands = WastParser.Parse($"(assert_trap (invoke \"f\" (i32.const 0)) \"integer divide by zero\")\n(assert_trap {EmptyBinary} \"out of bounds\")").Commands;
        var onAction = Assert.IsType<WastAssertTrap>(commands[0]);
        Assert.Equal("integer divide by zero", onAction.Message);
        Assert.NotNull(onAction.Action);
        Assert.Null(onAction.Module);
        var onModule = Assert.IsType<WastAssertTrap>(commands[1]);
        Assert.Null(onModule.Action);
        Assert.Equal(WastModuleKind.Binary, onModule.Module!.Kind);
        Assert.Equal(2, onModule.Line);
    }

    [Fact]
    public void Parse_reads_exhaustion_and_exception()
    {
        var commands = WastParser.Parse("(assert_exhaustion (invoke \"loop\") \"call stack exhausted\") (assert_exception (invoke \"throw\"))").Commands;
        Assert.Equal("call stack exhausted", Assert.IsType<WastAssertExhaustion>(commands[0]).Message);
        Assert.Equal("throw", Assert.IsType<WastAssertException>(commands[1]).Action.Field);
    }

    [Fact]
    public void Parse_reads_module_assertions_and_custom_variants()
    {
        var commands = WastParser.Parse(
            $"(assert_invalid {EmptyBinary} \"type mismatch\") (assert_malformed (module quote \"(func\") \"unexpected end\")"
            + $" (assert_unlinkable {EmptyBinary} \"unknown import\") (assert_malformed_custom (module quote \"\") \"x\")"
            + $" (assert_invalid_custom {EmptyBinary} \"y\")").Commands;
        Assert.Equal("type mismatch", Assert.IsType<WastAssertInvalid>(commands[0]).Message);
        var malformed = Assert.IsType<WastAssertMalformed>(commands[1]);
        Assert.Equal(("unexpected end", false), (malformed.Message, malformed.Custom));
        Assert.Equal("unknown import", Assert.IsType<WastAssertUnlinkable>(commands[2]).Message);
        Assert.True(Assert.IsType<WastAssertMalformed>(commands[3]).Custom);
        Assert.True(Assert.IsType<WastAssertInvalid>(commands[4]).Custom);
        Assert.All(commands, c => Assert.True(c.IsAssertion));
    }

    [Fact]
    public void Parse_tracks_lines_across_comments()
    {
        var commands = WastParser.Parse(";; a comment\n(; block\n (; nested ;) ;)\n\n(register \"a\")").Commands;
        Assert.Equal(5, Assert.Single(commands).Line);
    }

    [Theory]
    [InlineData("(assert_return (invoke \"f\")", "unexpected end of input")]
    [InlineData("(frobnicate)", "unknown operator")]
    [InlineData("(invoke \"f\" (i32.const 0x1_0000_0000))", "constant out of range")]
    [InlineData("(register)", "unexpected token")]
    public void Parse_rejects_malformed_scripts(string script, string reason)
    {
        var ex = Assert.Throws<WatParseException>(() => WastParser.Parse(script));
        Assert.Equal(reason, ex.Reason);
    }

    [Fact]
    public void CountAssertions_counts_top_level_assertions_only()
    {
        const string script = "(module) (assert_return (invoke \"assert_x\")) ;; (assert_trap\n(; (assert_invalid ;)\n"
            + "(assert_trap (module quote \"(assert_return\") \"x\") (invoke \"f\") (assert_invalid (module";
        Assert.Equal(3, WastParser.CountAssertions(System.Text.Encoding.UTF8.GetBytes(script)));
    }
}
