using System.Runtime.Intrinsics;
using Kiln.Binary;
using Kiln.Compiler.Simd;

namespace Kiln.Tests.Simd;

/// <summary>The lowering table: complete, and shaped as its calling contract says.</summary>
public sealed class SimdOperationsTableTests
{
    [Fact]
    public void Table_covers_every_simd_opcode_when_built()
    {
        var simd = Enum.GetValues<Opcode>().Where(o => (int)o >> 12 == 0xFD).ToArray();
        Assert.Equal(simd.Length, SimdOperations.All.Count());
        Assert.All(simd, o => Assert.True(SimdOperations.TryGet(o, out _), o.ToString()));
        Assert.False(SimdOperations.TryGet(Opcode.I32Add, out _));
        Assert.Throws<ArgumentException>(() => SimdOperations.Get(Opcode.I32Add));
    }

    [Fact]
    public void Table_entries_follow_the_calling_contract_when_inspected()
    {
        var v128 = SimdOperations.V128Type;
        Assert.Equal(typeof(Vector128<byte>), v128);
        Type[] scalars = [typeof(int), typeof(long), typeof(float), typeof(double)];
        foreach (var op in SimdOperations.All)
        {
            var parameters = op.Method.GetParameters().Select(p => p.ParameterType).ToArray();
            Assert.True(op.Method.IsStatic, op.Opcode.ToString());
            Assert.Equal(OpcodeTable.Get(op.Opcode).Immediates, op.Immediate);
            var trailing = parameters[op.Pops..];
            var expectedTrailing = op.Immediate switch
            {
                ImmediateKind.Lane or ImmediateKind.MemArgLane => [typeof(int)],
                ImmediateKind.Shuffle or ImmediateKind.V128 => [typeof(ulong), typeof(ulong)],
                _ => Array.Empty<Type>(),
            };
            Assert.Equal(expectedTrailing, trailing);
            var operands = parameters[..op.Pops];
            bool memory = op.Immediate is ImmediateKind.MemArg or ImmediateKind.MemArgLane;
            Assert.Equal(memory, op.AccessSize > 0);
            for (int i = 0; i < operands.Length; i++)
            {
                var allowed = memory && i == 0 ? [typeof(byte*)] : scalars.Append(v128);
                Assert.Contains(operands[i], allowed);
            }

            Assert.Equal(op.Pushes, op.Method.ReturnType != typeof(void));
            if (op.Pushes)
            {
                Assert.Contains(op.Method.ReturnType, scalars.Append(v128));
            }
        }
    }

    [Theory]
    [InlineData("V128Const", 0, "V128")]
    [InlineData("I8x16Shuffle", 2, "Shuffle")]
    [InlineData("I8x16ExtractLaneS", 1, "Lane")]
    [InlineData("F64x2ReplaceLane", 2, "Lane")]
    [InlineData("V128Bitselect", 3, "None")]
    [InlineData("I32x4RelaxedDotI8x16I7x16AddS", 3, "None")]
    [InlineData("V128Store16Lane", 2, "MemArgLane")]
    [InlineData("V128Load32Zero", 1, "MemArg")]
    public void Table_entry_has_wasm_arity_when_looked_up(string opcode, int pops, string immediate)
    {
        var op = SimdOperations.Get(Enum.Parse<Opcode>(opcode));
        Assert.Equal(pops, op.Pops);
        Assert.Equal(Enum.Parse<ImmediateKind>(immediate), op.Immediate);
    }
}
