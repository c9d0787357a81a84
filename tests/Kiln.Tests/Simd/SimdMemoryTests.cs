using System.Reflection;
using System.Runtime.Intrinsics;
using Kiln.Binary;
using Kiln.Compiler.Simd;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Kiln.Tests.Simd;

/// <summary>The load/store helpers against byte-level models, at unaligned addresses.</summary>
public sealed unsafe class SimdMemoryTests
{
    public static TheoryData<string> MemoryOpcodes()
    {
        var data = new TheoryData<string>();
        foreach (var op in SimdOperations.All.Where(o => o.AccessSize != 0).OrderBy(o => o.Opcode))
        {
            data.Add(op.Opcode.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MemoryOpcodes))]
    public void Simd_memory_operation_matches_byte_model_when_address_is_unaligned(string opcodeName)
    {
        var opcode = Enum.Parse<Opcode>(opcodeName);
        var op = SimdOperations.Get(opcode);
        var random = new Random(opcodeName.Length * 7919);
        var memory = new byte[64];
        for (int sample = 0; sample < 300; sample++)
        {
            random.NextBytes(memory);
            int offset = random.Next(64 - op.AccessSize + 1);
            var vector = SimdInputs.Vector(random, 0);
            int lane = sample % SimdHarness.LaneCount(opcodeName);
            var before = (byte[])memory.Clone();
            object? emitted, direct;
            fixed (byte* p = memory)
            {
                var args = Args(op, p + offset, vector, lane);
                emitted = SimdHarness.InvokeEmitted(op, args);
                direct = SimdHarness.InvokeDirect(op, args);
            }

            var bytes = before.AsSpan(offset, op.AccessSize).ToArray();
            if (op.Pushes)
            {
                var expected = LoadModel(opcode, bytes, vector, lane);
                Assert.Equal(Expected.Hex(expected), Expected.Hex((V)emitted!));
                Assert.Equal(Expected.Hex(expected), Expected.Hex((V)direct!));
                Assert.Equal(before, memory);
            }
            else
            {
                // Both calls stored the same bytes; only the accessed range may change.
                var stored = StoreModel(opcode, vector, lane);
                Assert.Equal(stored, memory.AsSpan(offset, op.AccessSize).ToArray());
                Assert.Equal(before.AsSpan(0, offset).ToArray(), memory.AsSpan(0, offset).ToArray());
                Assert.Equal(before.AsSpan(offset + op.AccessSize).ToArray(), memory.AsSpan(offset + op.AccessSize).ToArray());
            }
        }
    }

    private static object[] Args(SimdOperation op, byte* p, V vector, int lane)
    {
        var args = new List<object> { Pointer.Box(p, typeof(byte*)) };
        if (op.Pops == 2)
        {
            args.Add(vector);
        }

        if (op.Immediate == ImmediateKind.MemArgLane)
        {
            args.Add(lane);
        }

        return args.ToArray();
    }

    private static V LoadModel(Opcode opcode, byte[] m, V v, int lane)
    {
        long S(int at, int size) => size switch
        {
            1 => (sbyte)m[at],
            2 => BitConverter.ToInt16(m, at),
            _ => BitConverter.ToInt32(m, at),
        };
        long U(int at, int size) => size switch
        {
            1 => m[at],
            2 => BitConverter.ToUInt16(m, at),
            _ => BitConverter.ToUInt32(m, at),
        };
        var bytes = m;
        return opcode switch
        {
            Opcode.V128Load => Vector128.Create(bytes),
            Opcode.V128Load8x8S => SimdReference.Map16(i => S(i, 1)),
            Opcode.V128Load8x8U => SimdReference.Map16(i => U(i, 1)),
            Opcode.V128Load16x4S => SimdReference.Map32(i => S(2 * i, 2)),
            Opcode.V128Load16x4U => SimdReference.Map32(i => U(2 * i, 2)),
            Opcode.V128Load32x2S => SimdReference.Map64(i => S(4 * i, 4)),
            Opcode.V128Load32x2U => SimdReference.Map64(i => U(4 * i, 4)),
            Opcode.V128Load8Splat or Opcode.V128Load16Splat or Opcode.V128Load32Splat or Opcode.V128Load64Splat
                => SimdReference.Map8(i => bytes[i % bytes.Length]),
            Opcode.V128Load32Zero or Opcode.V128Load64Zero => SimdReference.Map8(i => i < bytes.Length ? bytes[i] : 0),
            Opcode.V128Load8Lane or Opcode.V128Load16Lane or Opcode.V128Load32Lane or Opcode.V128Load64Lane
                => SimdReference.Map8(i => i / bytes.Length == lane ? bytes[i % bytes.Length] : v[i]),
            _ => throw new NotSupportedException(opcode.ToString()),
        };
    }

    private static byte[] StoreModel(Opcode opcode, V v, int lane)
    {
        int size = opcode switch
        {
            Opcode.V128Store => 16,
            Opcode.V128Store8Lane => 1,
            Opcode.V128Store16Lane => 2,
            Opcode.V128Store32Lane => 4,
            _ => 8,
        };
        int start = opcode == Opcode.V128Store ? 0 : lane * size;
        return Enumerable.Range(start, size).Select(i => v[i]).ToArray();
    }
}
