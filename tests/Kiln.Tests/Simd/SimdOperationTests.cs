using System.Runtime.Intrinsics;
using Kiln.Binary;
using Kiln.Compiler.Simd;
using Xunit.Abstractions;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Kiln.Tests.Simd;

/// <summary>Every non-memory SIMD instruction against the scalar reference, over edge and random operands.</summary>
public sealed class SimdOperationTests(ITestOutputHelper output)
{
    private const int Samples = 4000;

    public static TheoryData<string> NonMemoryOpcodes()
    {
        var data = new TheoryData<string>();
        foreach (var op in SimdOperations.All.Where(o => o.AccessSize == 0).OrderBy(o => o.Opcode))
        {
            data.Add(op.Opcode.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NonMemoryOpcodes))]
    public void Simd_operation_matches_reference_when_given_edge_and_random_operands(string opcodeName)
    {
        var op = SimdOperations.Get(Enum.Parse<Opcode>(opcodeName));
        var random = new Random(opcodeName.GetHashCode(StringComparison.Ordinal) ^ 0x5EED);
        var failures = new List<string>();
        for (int sample = 0; sample < Samples && failures.Count < 8; sample++)
        {
            var args = Arguments(op, random, sample);
            var expected = SimdReference.Evaluate(op.Opcode, args);
            foreach (var (how, actual) in new[] { ("emitted", SimdHarness.InvokeEmitted(op, args)), ("direct", SimdHarness.InvokeDirect(op, args)) })
            {
                var mismatch = expected.Mismatch(actual!);
                if (mismatch is not null)
                {
                    failures.Add($"{how} ({string.Join(", ", args.Select(Show))}): {mismatch}");
                }
            }
        }

        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }

        Assert.True(failures.Count == 0, $"{opcodeName}: {failures.Count} failure(s), first: {failures.FirstOrDefault()}");
    }

    internal static object[] Arguments(SimdOperation op, Random random, int sample)
    {
        int flavour = random.Next(SimdInputs.Flavours);
        var args = new List<object>();
        foreach (var parameter in SimdHarness.Operands(op))
        {
            args.Add(parameter.ParameterType == typeof(V) ? SimdInputs.Vector(random, flavour) : SimdInputs.Scalar(random, parameter.ParameterType));
        }

        switch (op.Immediate)
        {
            case ImmediateKind.Lane or ImmediateKind.MemArgLane:
                args.Add(sample % SimdHarness.LaneCount(op.Opcode.ToString()));
                break;
            case ImmediateKind.Shuffle:
                // A bounded set of control patterns (each one compiles a stub), always including identity and the extremes.
                var patterns = new Random(sample % 40);
                var lanes = Enumerable.Range(0, 16).Select(i => (byte)((sample % 40) switch { 0 => i, 1 => 31 - i, 2 => 0, 3 => 31, 4 => 16 + i, _ => patterns.Next(32) })).ToArray();
                var control = Vector128.Create(lanes).AsUInt64();
                args.Add(control[0]);
                args.Add(control[1]);
                break;
            case ImmediateKind.V128:
                args.Add((ulong)random.NextInt64());
                args.Add((ulong)random.NextInt64());
                break;
        }

        return args.ToArray();
    }

    private static string Show(object value) => value switch
    {
        V v => Expected.Hex(v),
        float f => $"{f} ({BitConverter.SingleToUInt32Bits(f):X8})",
        double d => $"{d} ({BitConverter.DoubleToUInt64Bits(d):X16})",
        _ => value.ToString() ?? "",
    };
}
