using Kiln.Binary;
using Kiln.Text;
using Kiln.Validation;

namespace Kiln.Tests.Text;

/// <summary><c>(@metadata.code.branch_hint "\00")</c>: read before plain and folded instructions, checked by validation.</summary>
public sealed class BranchHintTests
{
    [Fact]
    public void Hints_attach_to_the_if_or_br_if_that_follows_plain_or_folded()
    {
        var m = WatParser.ParseModule("""
            (module
              (func (param i32) (result i32)
                (block
                  local.get 0
                  (@metadata.code.branch_hint "\01") br_if 0)
                (@metadata.code.branch_hint "\00")
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1)) (else (i32.const 2)))))
            """);
        ModuleValidator.Validate(m);

        var code = m.Code[0].Body.Code.Span;
        Assert.Equal(2, m.BranchHints.Count);
        Assert.Equal((0, (byte)0x0D, (byte)1), (m.BranchHints[0].DefinedFunction, code[m.BranchHints[0].Offset], m.BranchHints[0].Value));
        Assert.Equal((0, (byte)0x04, (byte)0), (m.BranchHints[1].DefinedFunction, code[m.BranchHints[1].Offset], m.BranchHints[1].Value));
    }

    [Fact]
    public void Hint_before_another_instruction_makes_the_module_invalid()
    {
        var m = WatParser.ParseModule("""(module (func (result i32) (@metadata.code.branch_hint "\01") (i32.add (i32.const 1) (i32.const 2))))""");
        var e = Assert.Throws<WasmValidationException>(() => ModuleValidator.Validate(m));
        Assert.Equal("@metadata.code.branch_hint annotation: invalid target", e.Reason);
    }

    [Theory]
    [InlineData("""(module (func (@metadata.code.branch_hint "\01") (@metadata.code.branch_hint "\00") (if (i32.const 1) (then))))""", "duplicate annotation")]
    [InlineData("""(module (@metadata.code.branch_hint "\01") (func))""", "not in a function")]
    [InlineData("""(module (global i32 (@metadata.code.branch_hint "\01") (i32.const 0)))""", "not in a function")]
    [InlineData("""(module (func (@metadata.code.branch_hint "\02") (if (i32.const 1) (then))))""", "malformed hint")]
    public void Misplaced_or_malformed_hints_are_malformed(string text, string reason)
    {
        var e = Assert.Throws<WatParseException>(() => WatParser.ParseModule(text));
        Assert.StartsWith("@metadata.code.branch_hint annotation: " + reason, e.Message);
    }

    [Fact]
    public void Hinted_module_runs_as_without_hints()
    {
        var engine = new Engine();
        using var store = new Store<object?>(engine, null);
        var module = Module.FromText(engine, """
            (module (func (export "pick") (param i32) (result i32)
              (@metadata.code.branch_hint "\01")
              (if (result i32) (local.get 0) (then (i32.const 10)) (else (i32.const 20)))))
            """);
        var pick = new Linker(engine).Instantiate(store, module).GetFunction<int, int>("pick")!;
        Assert.Equal((10, 20), (pick(1), pick(0)));
    }
}
