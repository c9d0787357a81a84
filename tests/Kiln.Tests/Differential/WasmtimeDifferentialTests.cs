using Kiln.Tests.Spec;
using Wt = Wasmtime;

namespace Kiln.Tests.Differential;

/// <summary>
/// Runs the same exports on Kiln and on Wasmtime (the reference engine) with the same arguments and checks that
/// both return the same bits or trap for the same reason.
/// </summary>
public sealed class WasmtimeDifferentialTests
{
    private const string NumericWat = """
        (module
          (type $binop (func (param i32 i32) (result i32)))
          (table 3 funcref)
          (elem (i32.const 0) $add $sub)
          (memory 1 2)
          (data (i32.const 8) "\01\02\03\04\05\06\07\08")
          (func $add (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func $sub (param i32 i32) (result i32) (i32.sub (local.get 0) (local.get 1)))
          (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
          (func (export "rem_s") (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
          (func (export "div_u64") (param i64 i64) (result i64) (i64.div_u (local.get 0) (local.get 1)))
          (func (export "rotl") (param i32 i32) (result i32) (i32.rotl (local.get 0) (local.get 1)))
          (func (export "clz64") (param i64) (result i64) (i64.clz (local.get 0)))
          (func (export "popcnt") (param i32) (result i32) (i32.popcnt (local.get 0)))
          (func (export "shr_s64") (param i64 i64) (result i64) (i64.shr_s (local.get 0) (local.get 1)))
          (func (export "trunc_f32_s") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
          (func (export "trunc_f64_u64") (param f64) (result i64) (i64.trunc_f64_u (local.get 0)))
          (func (export "trunc_sat_f64_s") (param f64) (result i32) (i32.trunc_sat_f64_s (local.get 0)))
          (func (export "min_f32") (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1)))
          (func (export "max_f64") (param f64 f64) (result f64) (f64.max (local.get 0) (local.get 1)))
          (func (export "nearest_f64") (param f64) (result f64) (f64.nearest (local.get 0)))
          (func (export "copysign_f32") (param f32 f32) (result f32) (f32.copysign (local.get 0) (local.get 1)))
          (func (export "sqrt_f64") (param f64) (result f64) (f64.sqrt (local.get 0)))
          (func (export "convert_u64_f32") (param i64) (result f32) (f32.convert_i64_u (local.get 0)))
          (func (export "demote") (param f64) (result f32) (f32.demote_f64 (local.get 0)))
          (func (export "load8_s") (param i32) (result i32) (i32.load8_s offset=7 (local.get 0)))
          (func (export "load64") (param i32) (result i64) (i64.load (local.get 0)))
          (func (export "store_load") (param i32 i32) (result i32)
            (i32.store16 (local.get 0) (local.get 1))
            (i32.load (local.get 0)))
          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
          (func (export "call_table") (param i32 i32 i32) (result i32)
            (call_indirect (type $binop) (local.get 1) (local.get 2) (local.get 0)))
          (func (export "call_wrong_type") (param i32) (result i64)
            (call_indirect (param i32) (result i64) (i32.const 1) (local.get 0)))
          (func (export "switch") (param i32) (result i32)
            (block $d (block $c (block $b (block $a
              (br_table $a $b $c $d (local.get 0)))
              (return (i32.const 10)))
              (return (i32.const 20)))
              (return (i32.const 30)))
            (i32.const 40))
          (func (export "unreachable") (unreachable))
          (func $deep (export "deep") (param i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0))
              (then (i32.const 0))
              (else (i32.add (i32.const 1) (call $deep (i32.sub (local.get 0) (i32.const 1)))))))
        )
        """;

    private static readonly object[][] NumericCases =
    [
        ["div_s", 7, 2], ["div_s", -7, 2], ["div_s", 1, 0], ["div_s", int.MinValue, -1],
        ["rem_s", int.MinValue, -1], ["rem_s", -7, 3], ["rem_s", 5, 0],
        ["div_u64", -1L, 3L], ["div_u64", 5L, 0L],
        ["rotl", unchecked((int)0x80000001), 33], ["clz64", 0L], ["clz64", 1L], ["popcnt", -1],
        ["shr_s64", long.MinValue, 65L],
        ["trunc_f32_s", -2.9f], ["trunc_f32_s", float.NaN], ["trunc_f32_s", 2147483648f], ["trunc_f32_s", -2147483648f],
        ["trunc_f64_u64", 1e19], ["trunc_f64_u64", -1.0], ["trunc_f64_u64", double.PositiveInfinity],
        ["trunc_sat_f64_s", 1e300], ["trunc_sat_f64_s", double.NaN], ["trunc_sat_f64_s", -1e300],
        ["min_f32", 0.0f, -0.0f], ["min_f32", -0.0f, 0.0f], ["min_f32", 1.0f, float.NaN],
        ["max_f64", -0.0, 0.0], ["max_f64", double.NegativeInfinity, -1e308],
        ["nearest_f64", 2.5], ["nearest_f64", -0.5], ["nearest_f64", 4503599627370497.0],
        ["copysign_f32", 3.0f, -0.0f], ["copysign_f32", -1.5f, 2.0f],
        ["sqrt_f64", 2.0], ["sqrt_f64", -0.0],
        ["convert_u64_f32", -1L], ["convert_u64_f32", 0x7FFFFF4000000001L],
        ["demote", 1e40], ["demote", 1.0000000596046448],
        ["load8_s", 1], ["load8_s", 65529], ["load8_s", -1], ["load64", 8], ["load64", 65532],
        ["store_load", 100, 0x12345], ["store_load", 65535, 1],
        ["grow", 1], ["grow", 5],
        ["call_table", 0, 7, 5], ["call_table", 1, 7, 5], ["call_table", 2, 7, 5], ["call_table", 3, 7, 5],
        ["call_wrong_type", 0],
        ["switch", 0], ["switch", 2], ["switch", 3], ["switch", 100], ["switch", -1],
        ["unreachable"],
        ["deep", 1000], ["deep", 10_000_000],
    ];

    private static readonly object[][] SnippetCases =
    [
        ["fib", 25], ["primes", 50000], ["collatz", 837799L], ["crc32", 42, 100000],
        ["newton_sqrt", 2.0], ["newton_sqrt", 1e-300],
        ["mix64", 123456789L, 7L], ["mix64", -1L, -1L],
        ["apply", 0, 3, 4], ["apply", 2, -3, 4], ["apply", 3, 7, 0], ["apply", 3, int.MinValue, -1],
        ["divide", 1, 0], ["deref", 16], ["deref", 65534], ["deref", -4],
    ];

    public static TheoryData<int> NumericCaseIndices => Indices(NumericCases);

    public static TheoryData<int> SnippetCaseIndices => Indices(SnippetCases);

    [Theory]
    [MemberData(nameof(NumericCaseIndices))]
    public void Wat_export_matches_wasmtime_when_called(int index)
    {
        var c = NumericCases[index];
        using var kiln = KilnSide.FromText(NumericWat);
        using var wasmtime = WasmtimeSide.FromText(NumericWat);
        AssertSame((string)c[0], c[1..], kiln, wasmtime);
    }

    [Theory]
    [MemberData(nameof(SnippetCaseIndices))]
    public void Compiled_C_snippet_matches_wasmtime_when_called(int index)
    {
        var c = SnippetCases[index];
        byte[] bytes = File.ReadAllBytes(Path.Combine(SpecSuite.RepositoryRoot, "tests", "fixtures", "snippets", "snippets.wasm"));
        using var kiln = KilnSide.FromBytes(bytes);
        using var wasmtime = WasmtimeSide.FromBytes(bytes);
        AssertSame((string)c[0], c[1..], kiln, wasmtime);
    }

    private static TheoryData<int> Indices(object[][] cases)
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < cases.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    private static void AssertSame(string export, object[] args, KilnSide kiln, WasmtimeSide wasmtime)
    {
        var expected = wasmtime.Call(export, args);
        var actual = kiln.Call(export, args);
        Assert.True(expected == actual, $"{export}({string.Join(", ", args)}): wasmtime {expected}, kiln {actual}");
    }

    /// <summary>What a call did, in a form both engines produce: result bits (NaNs only as "nan") or the trap.</summary>
    private static string Outcome(object? result) => result switch
    {
        null => "void",
        int i => $"i32:{i}",
        long l => $"i64:{l}",
        float f => float.IsNaN(f) ? "f32:nan" : $"f32:{BitConverter.SingleToInt32Bits(f):x8}",
        double d => double.IsNaN(d) ? "f64:nan" : $"f64:{BitConverter.DoubleToInt64Bits(d):x16}",
        _ => $"other:{result}",
    };

    private sealed class KilnSide : IDisposable
    {
        private readonly Store<object?> _store;
        private readonly ModuleInstance _instance;

        private KilnSide(Module module)
        {
            var engine = new Engine();
            _store = new Store<object?>(engine, null);
            _instance = new Linker(engine).Instantiate(_store, module);
        }

        public static KilnSide FromText(string wat) => new(Module.FromText(new Engine(), wat));

        public static KilnSide FromBytes(byte[] bytes) => new(Module.FromBytes(new Engine(), bytes));

        public string Call(string export, object[] args)
        {
            try
            {
                return Outcome(_instance.GetFunction(export)!.Invoke(args));
            }
            catch (TrapException e)
            {
                return "trap:" + e.Kind switch
                {
                    TrapKind.IntegerDivideByZero => "IntegerDivisionByZero",
                    TrapKind.IntegerOverflow => "IntegerOverflow",
                    TrapKind.InvalidConversionToInteger => "BadConversionToInteger",
                    TrapKind.MemoryOutOfBounds => "MemoryOutOfBounds",
                    TrapKind.TableOutOfBounds or TrapKind.UndefinedElement => "TableOutOfBounds",
                    TrapKind.UninitializedElement or TrapKind.NullFunctionReference => "IndirectCallToNull",
                    TrapKind.IndirectCallTypeMismatch => "BadSignature",
                    TrapKind.CallStackExhausted => "StackOverflow",
                    var k => k.ToString(),
                };
            }
        }

        public void Dispose() => _store.Dispose();
    }

    private sealed class WasmtimeSide : IDisposable
    {
        private readonly Wt.Engine _engine = new();
        private readonly Wt.Store _store;
        private readonly Wt.Module _module;
        private readonly Wt.Instance _instance;

        private WasmtimeSide(Func<Wt.Engine, Wt.Module> load)
        {
            _store = new Wt.Store(_engine);
            _module = load(_engine);
            using var linker = new Wt.Linker(_engine);
            _instance = linker.Instantiate(_store, _module);
        }

        public static WasmtimeSide FromText(string wat) => new(e => Wt.Module.FromText(e, "m", wat));

        public static WasmtimeSide FromBytes(byte[] bytes) => new(e => Wt.Module.FromBytes(e, "m", bytes));

        public string Call(string export, object[] args)
        {
            var boxes = args.Select(a => a switch
            {
                int i => (Wt.ValueBox)i,
                long l => (Wt.ValueBox)l,
                float f => (Wt.ValueBox)f,
                double d => (Wt.ValueBox)d,
                _ => throw new ArgumentException($"unsupported argument {a}"),
            }).ToArray();
            try
            {
                return Outcome(_instance.GetFunction(export)!.Invoke(boxes));
            }
            catch (Wt.TrapException e)
            {
                return "trap:" + e.Type;
            }
        }

        public void Dispose()
        {
            _module.Dispose();
            _store.Dispose();
            _engine.Dispose();
        }
    }
}
