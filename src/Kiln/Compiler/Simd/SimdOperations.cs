using System.Collections.Frozen;
using System.Reflection;
using System.Runtime.Intrinsics;
using Kiln.Binary;

namespace Kiln.Compiler.Simd;

/// <summary>
/// The lowering table of every SIMD instruction (all 0xFD opcodes, relaxed SIMD included): each becomes one <c>call</c> to a
/// small static <c>AggressiveInlining</c> helper, which RyuJIT inlines into a few machine instructions.
/// <para>Calling contract for the emitter:</para>
/// <list type="number">
/// <item>A v128 is <c>Vector128&lt;byte&gt;</c> everywhere (<see cref="V128Type"/>): operand stack, locals, globals, params and
/// results. Other operand and result types: i32 <c>int</c>, i64 <c>long</c>, f32 <c>float</c>, f64 <c>double</c>.</item>
/// <item>The <see cref="SimdOperation.Pops"/> operands are on the IL stack in Wasm order (first operand deepest), except that the
/// memory address of a load/store (<see cref="ImmediateKind.MemArg"/>, <see cref="ImmediateKind.MemArgLane"/>; always the first
/// operand) is replaced by the effective host address <c>byte*</c> (base + address + offset) after the emitter's bounds check
/// of <see cref="SimdOperation.AccessSize"/> bytes. For <c>load_lane</c>/<c>store_lane</c> the address sits under the v128, so
/// the emitter spills the v128 to a local, computes the pointer, and reloads it.</item>
/// <item>Then the immediates are pushed, by <see cref="SimdOperation.Immediate"/>:
/// <see cref="ImmediateKind.None"/> and <see cref="ImmediateKind.MemArg"/>: nothing;
/// <see cref="ImmediateKind.Lane"/> and <see cref="ImmediateKind.MemArgLane"/>: <c>ldc.i4 lane</c>;
/// <see cref="ImmediateKind.V128"/> (<c>v128.const</c>) and <see cref="ImmediateKind.Shuffle"/> (the 16 lane indices): the 16
/// immediate bytes as <c>ldc.i8 lo; ldc.i8 hi</c>, where lo is bytes 0-7 and hi bytes 8-15 read little-endian.
/// Being constants, they fold into the instruction after inlining (e.g. <c>pextrb</c>'s lane, <c>vpermt2b</c>'s control).
/// Lane immediates must be in range (validation guarantees it: a lane below the shape's lane count, shuffle indices below 32).</item>
/// <item><c>call</c> <see cref="SimdOperation.Method"/>; if <see cref="SimdOperation.Pushes"/>, its result is the Wasm result.</item>
/// </list>
/// <para>The helpers are internal: generated code needs access checks skipped (<c>DynamicMethod</c> with
/// <c>skipVisibility: true</c>, or <c>IgnoresAccessChecksToAttribute("Kiln")</c> in a dynamic assembly). No helper traps
/// or allocates.</para>
/// <para>Where the methods live (the table is built from this naming rule): <c>Opcode.I8x16AddSatS</c> is
/// <see cref="I8x16Ops"/>.<c>AddSatS</c>, likewise <see cref="V128Ops"/>, <see cref="I16x8Ops"/>, <see cref="I32x4Ops"/>,
/// <see cref="I64x2Ops"/>, <see cref="F32x4Ops"/>, <see cref="F64x2Ops"/>; loads and stores (<c>V128Load*</c>, <c>V128Store*</c>)
/// are in <see cref="V128MemoryOps"/> without the <c>V128</c> prefix; relaxed instructions are in <see cref="RelaxedOps"/>
/// under their full opcode name.</para>
/// </summary>
internal static class SimdOperations
{
    private const int SimdPrefix = 0xFD;

    private static readonly FrozenDictionary<Opcode, SimdOperation> Table = Build();

    /// <summary>The CLR type of a v128 value.</summary>
    public static Type V128Type => typeof(Vector128<byte>);

    /// <summary>Every SIMD instruction's lowering.</summary>
    public static IEnumerable<SimdOperation> All => Table.Values;

    /// <summary>The lowering of <paramref name="opcode"/>, or false when it is not a SIMD instruction.</summary>
    public static bool TryGet(Opcode opcode, out SimdOperation operation) => Table.TryGetValue(opcode, out operation!);

    /// <summary>The lowering of the SIMD instruction <paramref name="opcode"/>.</summary>
    public static SimdOperation Get(Opcode opcode)
        => Table.TryGetValue(opcode, out var operation) ? operation : throw new ArgumentException($"{opcode} is not a SIMD instruction", nameof(opcode));

    private static FrozenDictionary<Opcode, SimdOperation> Build()
    {
        var table = new Dictionary<Opcode, SimdOperation>();
        foreach (var opcode in Enum.GetValues<Opcode>())
        {
            if ((int)opcode >> 12 != SimdPrefix)
            {
                continue;
            }

            var (type, name) = Locate(opcode.ToString());
            var method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)
                ?? throw new InvalidOperationException($"no SIMD helper {type.Name}.{name} for {opcode}");
            var immediate = OpcodeTable.Get(opcode).Immediates;
            int trailing = immediate switch
            {
                ImmediateKind.Lane or ImmediateKind.MemArgLane => 1,
                ImmediateKind.Shuffle or ImmediateKind.V128 => 2,
                _ => 0,
            };
            table.Add(opcode, new SimdOperation(
                opcode, method, method.GetParameters().Length - trailing, method.ReturnType != typeof(void), immediate, AccessSize(opcode)));
        }

        return table.ToFrozenDictionary();
    }

    private static (Type Type, string Method) Locate(string name)
    {
        if (name.Contains("Relaxed", StringComparison.Ordinal))
        {
            return (typeof(RelaxedOps), name);
        }

        if (name.StartsWith("V128Load", StringComparison.Ordinal) || name.StartsWith("V128Store", StringComparison.Ordinal))
        {
            return (typeof(V128MemoryOps), name["V128".Length..]);
        }

        ReadOnlySpan<(string Prefix, Type Type)> shapes =
        [
            ("V128", typeof(V128Ops)), ("I8x16", typeof(I8x16Ops)), ("I16x8", typeof(I16x8Ops)), ("I32x4", typeof(I32x4Ops)),
            ("I64x2", typeof(I64x2Ops)), ("F32x4", typeof(F32x4Ops)), ("F64x2", typeof(F64x2Ops)),
        ];
        foreach (var (prefix, type) in shapes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (type, name[prefix.Length..]);
            }
        }

        throw new InvalidOperationException($"SIMD opcode {name} has no helper class");
    }

    private static int AccessSize(Opcode opcode) => opcode switch
    {
        Opcode.V128Load or Opcode.V128Store => 16,
        Opcode.V128Load8x8S or Opcode.V128Load8x8U or Opcode.V128Load16x4S or Opcode.V128Load16x4U
            or Opcode.V128Load32x2S or Opcode.V128Load32x2U => 8,
        Opcode.V128Load8Splat or Opcode.V128Load8Lane or Opcode.V128Store8Lane => 1,
        Opcode.V128Load16Splat or Opcode.V128Load16Lane or Opcode.V128Store16Lane => 2,
        Opcode.V128Load32Splat or Opcode.V128Load32Lane or Opcode.V128Store32Lane or Opcode.V128Load32Zero => 4,
        Opcode.V128Load64Splat or Opcode.V128Load64Lane or Opcode.V128Store64Lane or Opcode.V128Load64Zero => 8,
        _ => 0,
    };
}
