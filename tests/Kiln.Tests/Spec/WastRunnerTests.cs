using Kiln.Text;
using Kiln.Wast;

namespace Kiln.Tests.Spec;

public sealed class WastRunnerTests
{
    private const string Empty = "(module binary \"\\00asm\\01\\00\\00\\00\")";

    // Imports spectest.print: [] -> [].
    private const string ImportsPrint = "(module binary \"\\00asm\\01\\00\\00\\00\" \"\\01\\04\\01\\60\\00\\00\" \"\\02\\12\\01\\08spectest\\05print\\00\\00\")";

    private static WastValue I32(uint value) => new(WastValueKind.I32, value);

    private static WastFileResult Run(string script, FakeExecutor? executor = null)
    {
        executor ??= new FakeExecutor();
        return new WastRunner(() => executor).Run(script, "test.wast");
    }

    [Fact]
    public void What_the_engine_does_not_support_fails_the_assertion_with_its_message()
    {
        var executor = new FakeExecutor { OnInvoke = (_, _) => throw new NotSupportedException("instruction try is not supported") };
        var result = Run($"{Empty}\n(assert_return (invoke \"f\") (i32.const 1))\n(assert_trap (invoke \"f\") \"unreachable\")", executor);
        Assert.Equal((0, 2), (result.Passed, result.Failed));
        Assert.All(result.Failures, f => Assert.Equal("instruction try is not supported", f.Message));
        Assert.Equal([2, 3], result.Failures.Select(f => f.Line));
        Assert.Equal(["assert_return", "assert_trap"], result.Failures.Select(f => f.Command));
    }

    [Fact]
    public void Actions_on_a_module_that_failed_to_instantiate_say_why()
    {
        var executor = new FakeExecutor();
        executor.OnInstantiate = _ => executor.Instantiated.Count > 1 ? throw new WastTrapException("out of bounds memory access") : new object();
        var result = Run($"{Empty}\n(assert_return (invoke \"f\"))", executor);
        Assert.Equal("module not instantiated: trap \"out of bounds memory access\"", result.Failures[1].Message);
    }

    [Fact]
    public void The_default_runner_executes_modules()
    {
        var result = new WastRunner().Run("(module (func (export \"add\") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))\n"
            + "(assert_return (invoke \"add\" (i32.const 2) (i32.const 3)) (i32.const 5))\n"
            + "(assert_return (invoke \"add\" (i32.const 2) (i32.const 3)) (i32.const 6))", "t.wast");
        Assert.Equal((1, 1), (result.Passed, result.Failed));
        Assert.Equal("expected (i32.const 6), got (i32.const 5)", Assert.Single(result.Failures).Message);
    }

    [Fact]
    public void Assert_return_compares_results()
    {
        var executor = new FakeExecutor { OnInvoke = (name, args) => name == "one" ? [I32(1)] : [I32(args[0].Bits == 0 ? 7u : 8u)] };
        var result = Run($"{Empty}\n(assert_return (invoke \"one\") (i32.const 1))\n(assert_return (invoke \"f\" (i32.const 0)) (i32.const 8))", executor);
        Assert.Equal((1, 1), (result.Passed, result.Failed));
        var failure = Assert.Single(result.Failures);
        Assert.Equal(3, failure.Line);
        Assert.Equal("expected (i32.const 8), got (i32.const 7)", failure.Message);
    }

    [Fact]
    public void Assert_return_fails_on_a_different_number_of_results()
    {
        var executor = new FakeExecutor { OnInvoke = (_, _) => [I32(1), I32(2)] };
        var result = Run($"{Empty}\n(assert_return (invoke \"f\") (i32.const 1))", executor);
        Assert.Equal("expected (i32.const 1), got (i32.const 1) (i32.const 2)", Assert.Single(result.Failures).Message);
    }

    [Fact]
    public void Assert_trap_matches_the_message_as_a_prefix()
    {
        var executor = new FakeExecutor { OnInvoke = (name, _) => throw new WastTrapException("integer divide by zero") };
        var result = Run($"{Empty}\n(assert_trap (invoke \"f\") \"integer divide\")\n(assert_trap (invoke \"f\") \"integer overflow\")\n(assert_exhaustion (invoke \"f\") \"call stack exhausted\")", executor);
        Assert.Equal((1, 2), (result.Passed, result.Failed));
        Assert.Equal("expected trap \"integer overflow\", got trap \"integer divide by zero\"", result.Failures[0].Message);
    }

    [Fact]
    public void Assert_trap_fails_when_the_call_returns()
    {
        var result = Run($"{Empty}\n(assert_trap (invoke \"f\") \"unreachable\")", new FakeExecutor { OnInvoke = (_, _) => [I32(3)] });
        Assert.Equal("expected trap \"unreachable\", got (i32.const 3)", Assert.Single(result.Failures).Message);
    }

    [Fact]
    public void Assert_exception_needs_an_uncaught_wasm_exception()
    {
        var executor = new FakeExecutor { OnInvoke = (name, _) => name == "throw" ? throw new WastThrowException("tag 0") : [] };
        var result = Run($"{Empty}\n(assert_exception (invoke \"throw\"))\n(assert_exception (invoke \"ok\"))", executor);
        Assert.Equal((1, 1), (result.Passed, result.Failed));
    }

    [Fact]
    public void Assert_trap_on_a_module_needs_a_trap_during_instantiation()
    {
        var executor = new FakeExecutor();
        executor.OnInstantiate = module => executor.Instantiated.Count > 2 ? throw new WastTrapException("out of bounds table access") : new object();
        var result = Run($"{Empty}\n(assert_trap {Empty} \"out of bounds\")", executor);
        Assert.Equal((1, 0), (result.Passed, result.Failed));
    }

    [Fact]
    public void Assert_malformed_checks_the_decoder_message_prefix()
    {
        var result = Run("(assert_malformed (module binary \"\\00asm\\02\\00\\00\\00\") \"unknown binary version\")\n"
            + "(assert_malformed (module binary \"\\00asx\\01\\00\\00\\00\") \"unknown binary version\")\n"
            + $"(assert_malformed {Empty} \"unexpected end\")");
        Assert.Equal((1, 2), (result.Passed, result.Failed));
        Assert.StartsWith("expected malformed \"unknown binary version\", got malformed: magic header not detected", result.Failures[0].Message);
        Assert.Equal("expected malformed \"unexpected end\", got a valid module", result.Failures[1].Message);
    }

    [Fact]
    public void Assert_unlinkable_resolves_imports_against_registered_modules()
    {
        const string unknown = "(module binary \"\\00asm\\01\\00\\00\\00\" \"\\01\\04\\01\\60\\00\\00\" \"\\02\\14\\01\\08spectest\\07unknown\\00\\00\")";
        const string wrongGlobal = "(module binary \"\\00asm\\01\\00\\00\\00\" \"\\02\\18\\01\\08spectest\\0aglobal_i32\\03\\7e\\00\")";
        var result = Run($"(assert_unlinkable {unknown} \"unknown import\")\n(assert_unlinkable {wrongGlobal} \"incompatible import type\")\n"
            + $"(assert_unlinkable {ImportsPrint} \"unknown import\")");
        Assert.Equal((2, 1), (result.Passed, result.Failed));
        Assert.Equal("expected unlinkable \"unknown import\", got a linked module", Assert.Single(result.Failures).Message);
    }

    [Fact]
    public void Import_matching_sees_the_current_size_of_a_grown_memory()
    {
        const string importsTwoPages = "(module binary \"\\00asm\\01\\00\\00\\00\" \"\\02\\14\\01\\08spectest\\06memory\\02\\00\\02\")";
        string script = $"(assert_unlinkable {importsTwoPages} \"incompatible import type\")";
        Assert.Equal((1, 0), (Run(script).Passed, Run(script).Failed));
        var grown = Run(script, new FakeExecutor { OnCurrentSize = name => name == "memory" ? 2 : null });
        Assert.Equal("expected unlinkable \"incompatible import type\", got a linked module", Assert.Single(grown.Failures).Message);
    }

    [Fact]
    public void Modules_link_to_registered_instances()
    {
        var executor = new FakeExecutor();
        var result = Run($"{ImportsPrint}\n(register \"M\")\n(assert_unlinkable (module binary \"\\00asm\\01\\00\\00\\00\" \"\\01\\04\\01\\60\\00\\00\" \"\\02\\0b\\01\\01M\\05print\\00\\00\") \"unknown import\")", executor);
        Assert.Equal((1, 0), (result.Passed, result.Failed));
        var (_, imports) = executor.Instantiated[1];
        Assert.Equal("print", Assert.Single(imports).Name);
    }

    [Fact]
    public void A_failed_module_is_reported_and_later_actions_do_not_reach_an_older_one()
    {
        var executor = new FakeExecutor { OnInvoke = (_, _) => [I32(1)] };
        var result = Run($"{Empty}\n(module binary \"\\00asm\")\n(assert_return (invoke \"f\") (i32.const 1))", executor);
        Assert.Equal((0, 1), (result.Passed, result.Failed));
        Assert.Equal(["module", "assert_return"], result.Failures.Select(f => f.Command));
        Assert.StartsWith("malformed: ", result.Failures[0].Message);
    }

    [Fact]
    public void Named_instances_are_found_by_name()
    {
        var handles = new List<object>();
        var executor = new FakeExecutor();
        executor.OnInstantiate = _ => { var h = new object(); handles.Add(h); return h; };
        var result = Run("(module $a binary \"\\00asm\\01\\00\\00\\00\")\n(module $b binary \"\\00asm\\01\\00\\00\\00\")\n(invoke $a \"f\")\n(invoke $c \"f\")", executor);
        Assert.Equal("unknown module c", Assert.Single(result.Failures).Message);
    }

    [Fact]
    public void Module_definitions_are_instantiated_on_request()
    {
        var executor = new FakeExecutor();
        var result = Run("(module definition $M binary \"\\00asm\\01\\00\\00\\00\")\n(module instance $I1 $M)\n(module instance $I2 $M)\n(register \"I\" $I2)\n(module instance $I3 $X)", executor);
        Assert.Equal(3, executor.Instantiated.Count); // spectest, I1, I2
        Assert.Equal("unknown module definition X", Assert.Single(result.Failures).Message);
    }

    [Fact]
    public void A_script_that_does_not_parse_fails_all_its_assertions()
    {
        var result = Run("(assert_return (invoke \"f\") (i32.const 1))\n(assert_trap (invoke \"f\") \"x\")\n(bogus)");
        Assert.Equal((0, 2), (result.Passed, result.Failed));
        var failure = Assert.Single(result.Failures);
        Assert.Equal(("script", 3), (failure.Command, failure.Line));
        Assert.StartsWith("cannot parse script: unknown operator", failure.Message);
    }

    [Fact]
    public void Exceptions_from_the_engine_become_failures()
    {
        var executor = new FakeExecutor { OnInvoke = (_, _) => throw new InvalidOperationException("boom") };
        var result = Run($"{Empty}\n(assert_return (invoke \"f\"))\n(assert_return (invoke \"f\"))", executor);
        Assert.Equal((0, 2), (result.Passed, result.Failed));
        Assert.Equal("internal error: InvalidOperationException: boom", result.Failures[0].Message);
    }

    [Fact]
    public void A_script_that_runs_too_long_is_failed_and_left_behind()
    {
        var executor = new FakeExecutor { OnInvoke = (_, _) => { Thread.Sleep(Timeout.Infinite); return []; } };
        var runner = new WastRunner(() => executor) { FileTimeout = TimeSpan.FromMilliseconds(200) };
        var result = runner.Run($"{Empty}\n(assert_return (invoke \"loop\"))\n(assert_return (invoke \"f\"))", "slow.wast");
        Assert.Equal((0, 2), (result.Passed, result.Failed));
        Assert.Equal("timed out after 0.2 s", Assert.Single(result.Failures).Message);
    }

    [Fact]
    public void RunFile_reports_an_unreadable_file()
    {
        var result = new WastRunner().RunFile("/nonexistent/x.wast", "x.wast");
        Assert.Equal("x.wast", result.File);
        Assert.False(result.Succeeded);
    }
}
