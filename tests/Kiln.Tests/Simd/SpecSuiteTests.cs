using System.Runtime.Intrinsics;
using Kiln.Binary;
using Xunit.Abstractions;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Kiln.Tests.Simd;

/// <summary>
/// The spec suite's SIMD scripts run through the helpers by <see cref="MiniSimdInterpreter"/>, so the official expected
/// values check the helpers before (and independently of) the compiler. Functions the mini interpreter cannot run are
/// counted and printed, not failed; the full engine run is <c>kiln wast</c>.
/// </summary>
public sealed class SpecSuiteTests(ITestOutputHelper output)
{
    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(SuiteDirectory(), "*.wast")
                     .Select(Path.GetFileName)
                     .Where(f => f!.StartsWith("simd_", StringComparison.Ordinal) || f!.Contains("relaxed", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(file!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Spec_simd_script_assertions_pass_when_run_on_the_helpers(string script)
    {
        MiniSimdInterpreter? instance = null;
        int passed = 0, skipped = 0;
        var skipReasons = new Dictionary<string, int>();
        var failures = new List<string>();
        foreach (var command in SExpr.ParseAll(File.ReadAllText(Path.Combine(SuiteDirectory(), script))))
        {
            try
            {
                switch (command.Head)
                {
                    case "module":
                        instance = null;
                        if (command.List!.Skip(1).All(x => x.Atom is null || x.Atom.StartsWith('$')))
                        {
                            instance = new MiniSimdInterpreter(command);
                        }

                        break;
                    case "invoke":
                        Run(instance, command);
                        break;
                    case "assert_return":
                        var results = Run(instance, command.List![1]);
                        var mismatch = Compare(command.List.Skip(2).ToList(), results);
                        if (mismatch is null)
                        {
                            passed++;
                        }
                        else
                        {
                            failures.Add($"{command}: {mismatch}");
                        }

                        break;
                    case "assert_trap":
                        try
                        {
                            Run(instance, command.List![1]);
                            failures.Add($"{command}: no trap");
                        }
                        catch (InvalidOperationException)
                        {
                            passed++;
                        }

                        break;
                }
            }
            catch (Exception e) when (e is NotSupportedException or KeyNotFoundException or NullReferenceException)
            {
                if (command.Head is "assert_return" or "assert_trap")
                {
                    skipped++;
                    skipReasons[e.Message] = skipReasons.GetValueOrDefault(e.Message) + 1;
                    if (command.List![1] is { Head: "invoke" } invoke && instance?.MayWriteState(invoke.List![1].Text!) == true)
                    {
                        instance = null;
                    }
                }
                else if (command.Head is "module" or "invoke")
                {
                    // An unsupported module, or a state change we could not make: later assertions would see wrong state.
                    instance = null;
                }
            }
        }

        output.WriteLine($"{script}: {passed} passed, {failures.Count} failed, {skipped} skipped (outside the mini interpreter)");
        foreach (var (reason, count) in skipReasons)
        {
            output.WriteLine($"  skipped {count}: {reason}");
        }

        foreach (var failure in failures.Take(20))
        {
            output.WriteLine(failure);
        }

        Assert.True(failures.Count == 0, $"{script}: {failures.Count} failed; first: {failures.FirstOrDefault()}");
    }

    private static List<object> Run(MiniSimdInterpreter? instance, SExpr invoke)
    {
        if (instance is null || invoke.Head != "invoke" || !instance.Has(invoke.List![1].Text!))
        {
            throw new NotSupportedException("no runnable instance");
        }

        var args = invoke.List.Skip(2).Select(a => MiniSimdInterpreter.Const(a.Head!, a.List!.Skip(1).Select(x => x.Atom!).ToList())).ToList();
        return instance.Invoke(invoke.List[1].Text!, args);
    }

    private static string? Compare(List<SExpr> expected, List<object> actual)
    {
        if (expected is [{ Head: "either" } either])
        {
            var all = either.List!.Skip(1).Select(e => Compare([e], actual)).ToList();
            return all.Any(m => m is null) ? null : string.Join(" | ", all);
        }

        if (expected.Count != actual.Count)
        {
            return $"expected {expected.Count} results, got {actual.Count}";
        }

        for (int i = 0; i < expected.Count; i++)
        {
            var atoms = expected[i].List!.Skip(1).Select(x => x.Atom!).ToList();
            string? mismatch = expected[i].Head switch
            {
                "v128.const" => CompareV128(atoms[0], atoms.Skip(1).ToList(), (V)actual[i]),
                "f32.const" => Lane(atoms[0], 4, BitConverter.SingleToUInt32Bits((float)actual[i])) ? null : $"f32 {atoms[0]} vs {actual[i]}",
                "f64.const" => Lane(atoms[0], 8, BitConverter.DoubleToUInt64Bits((double)actual[i])) ? null : $"f64 {atoms[0]} vs {actual[i]}",
                "i32.const" => (int)WastLiteral.Int(atoms[0], 32) == (int)actual[i] ? null : $"i32 {atoms[0]} vs {actual[i]}",
                "i64.const" => (long)WastLiteral.Int(atoms[0], 64) == (long)actual[i] ? null : $"i64 {atoms[0]} vs {actual[i]}",
                _ => throw new NotSupportedException(expected[i].Head),
            };
            if (mismatch is not null)
            {
                return mismatch;
            }
        }

        return null;
    }

    private static string? CompareV128(string shape, List<string> lanes, V actual)
    {
        int width = shape switch { "i8x16" => 1, "i16x8" => 2, "i32x4" or "f32x4" => 4, _ => 8 };
        for (int i = 0; i < lanes.Count; i++)
        {
            ulong bits = width switch
            {
                1 => actual[i],
                2 => actual.AsUInt16()[i],
                4 => actual.AsUInt32()[i],
                _ => actual.AsUInt64()[i],
            };
            bool ok = shape[0] == 'f' ? Lane(lanes[i], width, bits) : WastLiteral.Int(lanes[i], width * 8) == bits;
            if (!ok)
            {
                return $"lane {i}: expected {lanes[i]}, got {bits:X} (whole {Expected.Hex(actual)})";
            }
        }

        return null;
    }

    /// <summary>A float lane against a literal or a <c>nan:canonical</c>/<c>nan:arithmetic</c> pattern.</summary>
    private static bool Lane(string pattern, int width, ulong bits)
    {
        ulong exponent = width == 4 ? 0x7F80_0000ul : 0x7FF0_0000_0000_0000ul;
        ulong quiet = width == 4 ? 0x40_0000ul : 0x8_0000_0000_0000ul;
        ulong magnitude = bits & (width == 4 ? 0x7FFF_FFFFul : 0x7FFF_FFFF_FFFF_FFFFul);
        return pattern switch
        {
            "nan:canonical" => magnitude == (exponent | quiet),
            "nan:arithmetic" => (magnitude & (exponent | quiet)) == (exponent | quiet),
            _ => (width == 4 ? WastLiteral.F32(pattern) : WastLiteral.F64(pattern)) == bits,
        };
    }

    private static string SuiteDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "wasm-testsuite"), Path.Combine(dir.FullName, "..", "shared", "wasm-testsuite") })
            {
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("../shared/wasm-testsuite");
    }
}
