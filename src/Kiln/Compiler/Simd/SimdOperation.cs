using System.Reflection;
using Kiln.Binary;

namespace Kiln.Compiler.Simd;

/// <summary>How to lower one SIMD instruction: a call to <see cref="Method"/>; see <see cref="SimdOperations"/> for the calling contract.</summary>
/// <param name="Opcode">The 0xFD-prefixed instruction.</param>
/// <param name="Method">The static helper to <c>call</c>.</param>
/// <param name="Pops">Wasm operands taken from the stack (a memory address counts as one, passed as <c>byte*</c>).</param>
/// <param name="Pushes">Whether a result is left on the stack (false only for stores).</param>
/// <param name="Immediate">The immediates, which decide the extra trailing arguments.</param>
/// <param name="AccessSize">Bytes a load or store touches (for the bounds check); 0 for non-memory instructions.</param>
internal sealed record SimdOperation(Opcode Opcode, MethodInfo Method, int Pops, bool Pushes, ImmediateKind Immediate, int AccessSize);
