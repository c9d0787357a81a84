using System.Reflection;
using System.Runtime.Intrinsics;
using Kiln.Binary;
using Kiln.Compiler.Simd;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Kiln.Tests.Simd;

/// <summary>
/// Just enough of a Wasm interpreter to run the spec suite's SIMD test functions through the SIMD helpers, independently of
/// the compiler: straight-line folded or flat code of <c>local.*</c>, constants, <c>drop</c> and SIMD instructions over one
/// linear memory. Anything else throws <see cref="NotSupportedException"/> (the caller counts it as skipped).
/// </summary>
internal sealed class MiniSimdInterpreter
{
    private readonly Dictionary<string, SExpr> _exports = [];
    private readonly Dictionary<string, int> _globalNames = [];
    private readonly List<object> _globals = [];
    private byte[] _memory = [];

    public MiniSimdInterpreter(SExpr module)
    {
        foreach (var field in module.List!.Skip(1).Where(f => f.List is not null))
        {
            switch (field.Head)
            {
                case "func":
                    foreach (var export in field.List!.Where(x => x.Head == "export"))
                    {
                        _exports[export.List![1].Text!] = field;
                    }

                    break;
                case "memory":
                    var size = field.List!.Skip(1).FirstOrDefault(x => x.Atom is { } a && char.IsDigit(a[0]))
                        ?? throw new NotSupportedException("memory without a plain size");
                    _memory = new byte[int.Parse(size.Atom!, System.Globalization.CultureInfo.InvariantCulture) * 65536];
                    break;
                case "data":
                    var offsetExpr = field.List![1].Head == "offset" ? field.List[1].List![1] : field.List[1];
                    if (offsetExpr.Head != "i32.const")
                    {
                        throw new NotSupportedException("data offset");
                    }

                    int at = (int)WastLiteral.Int(offsetExpr.List![1].Atom!, 32);
                    foreach (var piece in field.List.Skip(2).Where(x => x.Text is not null))
                    {
                        foreach (var b in Unescape(piece.Text!))
                        {
                            _memory[at++] = b;
                        }
                    }

                    break;
                case "global":
                    if (field.List![1].Atom is ['$', ..] globalName)
                    {
                        _globalNames[globalName] = _globals.Count;
                    }

                    var init = field.List.Last();
                    _globals.Add(Const(init.Head!, init.List!.Skip(1).Select(x => x.Atom!).ToList()));
                    break;
                case "type" or "export":
                    break;
                default:
                    throw new NotSupportedException($"module field {field.Head}");
            }
        }
    }

    public bool Has(string name) => _exports.ContainsKey(name);

    /// <summary>Whether the export might change instance state (so a failed run of it leaves later results unreliable).</summary>
    public bool MayWriteState(string name)
        => _exports.TryGetValue(name, out var func) && func.ToString() is var text
           && (text.Contains("global.set", StringComparison.Ordinal) || text.Contains("store", StringComparison.Ordinal) || text.Contains("call", StringComparison.Ordinal));

    /// <summary>Runs the export <paramref name="name"/>; a trap surfaces as <see cref="InvalidOperationException"/>.</summary>
    public List<object> Invoke(string name, List<object> args)
    {
        var func = _exports[name];
        var locals = new List<object>(args);
        var body = new List<SExpr>();
        var names = new Dictionary<string, int>();
        foreach (var item in func.List!.Skip(1))
        {
            switch (item.Head)
            {
                case "export" or "result" or "type":
                    break;
                case "param" or "local":
                    var parts = item.List!.Skip(1).ToList();
                    if (parts is [{ Atom: ['$', ..] id }, _])
                    {
                        names[id] = names.Count;
                        parts = parts.Skip(1).ToList();
                    }
                    else
                    {
                        for (int i = 0; i < parts.Count; i++)
                        {
                            names[$"#{names.Count}"] = names.Count;
                        }
                    }

                    if (item.Head == "local")
                    {
                        locals.AddRange(parts.Select(p => Zero(p.Atom!)));
                    }

                    break;
                default:
                    if (item.Atom is ['$', ..])
                    {
                        break;
                    }

                    body.Add(item);
                    break;
            }
        }

        var stack = new List<object>();
        Exec(body, stack, locals, names);
        return stack;
    }

    private void Exec(List<SExpr> items, List<object> stack, List<object> locals, Dictionary<string, int> names)
    {
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.Head == "block")
            {
                Exec(item.List!.Skip(1).Where(x => x.Atom is not ['$', ..] && x.Head is not "result" and not "param").ToList(), stack, locals, names);
            }
            else if (item.List is { } list)
            {
                var immediates = list.Skip(1).TakeWhile(x => x.List is null).Select(x => x.Atom ?? throw new NotSupportedException("string immediate")).ToList();
                Exec(list.Skip(1 + immediates.Count).ToList(), stack, locals, names);
                Apply(item.Head!, immediates, stack, locals, names);
            }
            else
            {
                var immediates = new List<string>();
                while (i + 1 < items.Count && items[i + 1].Atom is { } next && IsImmediate(next))
                {
                    immediates.Add(next);
                    i++;
                }

                Apply(item.Atom!, immediates, stack, locals, names);
            }
        }
    }

    private static bool IsImmediate(string atom)
        => atom[0] is '$' or '-' or '+' || char.IsDigit(atom[0]) || atom.StartsWith("offset=", StringComparison.Ordinal)
           || atom.StartsWith("align=", StringComparison.Ordinal) || atom is "i8x16" or "i16x8" or "i32x4" or "i64x2" or "f32x4" or "f64x2"
           || atom.StartsWith("nan", StringComparison.Ordinal) || atom == "inf";

    private void Apply(string op, List<string> imm, List<object> stack, List<object> locals, Dictionary<string, int> names)
    {
        int Local() => imm[0][0] == '$' ? names[imm[0]] : int.Parse(imm[0], System.Globalization.CultureInfo.InvariantCulture);
        object Pop()
        {
            var top = stack[^1];
            stack.RemoveAt(stack.Count - 1);
            return top;
        }

        switch (op)
        {
            case "local.get":
                stack.Add(locals[Local()]);
                return;
            case "local.set":
                locals[Local()] = Pop();
                return;
            case "local.tee":
                locals[Local()] = stack[^1];
                return;
            case "drop":
                Pop();
                return;
            case "select":
                var condition = (int)Pop();
                var second = Pop();
                var first = Pop();
                stack.Add(condition != 0 ? first : second);
                return;
            case "global.get":
                stack.Add(_globals[imm[0][0] == '$' ? _globalNames[imm[0]] : int.Parse(imm[0], System.Globalization.CultureInfo.InvariantCulture)]);
                return;
            case "global.set":
                _globals[imm[0][0] == '$' ? _globalNames[imm[0]] : int.Parse(imm[0], System.Globalization.CultureInfo.InvariantCulture)] = Pop();
                return;
            case "i32.load" or "i64.load":
                ulong at = (uint)(int)Pop() + (imm.FirstOrDefault(x => x.StartsWith("offset=", StringComparison.Ordinal)) is { } o ? WastLiteral.Int(o[7..], 64) : 0);
                int size = op == "i32.load" ? 4 : 8;
                if (at + (ulong)size > (ulong)_memory.Length)
                {
                    throw new InvalidOperationException("out of bounds memory access");
                }

                stack.Add(op == "i32.load" ? BitConverter.ToInt32(_memory, (int)at) : BitConverter.ToInt64(_memory, (int)at));
                return;
            case "i32.const" or "i64.const" or "f32.const" or "f64.const" or "v128.const":
                stack.Add(Const(op, imm));
                return;
        }

        if (!OpcodeTable.TryGetByName(op, out var info) || !SimdOperations.TryGet(info.Opcode, out var simd) || info.Opcode == Opcode.V128Const)
        {
            throw new NotSupportedException(op);
        }

        var args = new object[simd.Method.GetParameters().Length];
        for (int k = simd.Pops - 1; k >= 0; k--)
        {
            args[k] = Pop();
        }

        int immIndex = 0;
        if (simd.AccessSize > 0)
        {
            ulong offset = 0;
            for (; immIndex < imm.Count && !char.IsDigit(imm[immIndex][0]); immIndex++)
            {
                if (imm[immIndex].StartsWith("offset=", StringComparison.Ordinal))
                {
                    offset = WastLiteral.Int(imm[immIndex]["offset=".Length..], 64);
                }
            }

            ulong address = (uint)(int)args[0] + offset;
            if (address + (ulong)simd.AccessSize > (ulong)_memory.Length)
            {
                throw new InvalidOperationException("out of bounds memory access");
            }

            args[0] = address;
        }

        switch (simd.Immediate)
        {
            case ImmediateKind.Lane or ImmediateKind.MemArgLane:
                args[simd.Pops] = (int)WastLiteral.Int(imm[immIndex], 32);
                break;
            case ImmediateKind.Shuffle:
                var lanes = imm.Select(x => (byte)WastLiteral.Int(x, 8)).ToArray();
                var halves = Vector128.Create(lanes).AsUInt64();
                args[simd.Pops] = halves[0];
                args[simd.Pops + 1] = halves[1];
                break;
        }

        object? result;
        if (simd.AccessSize > 0)
        {
            result = CallWithMemory(simd, args);
        }
        else
        {
            result = SimdHarness.InvokeEmitted(simd, args);
        }

        if (simd.Pushes)
        {
            stack.Add(result!);
        }
    }

    private unsafe object? CallWithMemory(SimdOperation simd, object[] args)
    {
        fixed (byte* basePtr = _memory)
        {
            args[0] = Pointer.Box(basePtr + (long)(ulong)args[0], typeof(byte*));
            return SimdHarness.InvokeEmitted(simd, args);
        }
    }

    public static object Const(string op, List<string> imm) => op switch
    {
        "i32.const" => (int)WastLiteral.Int(imm[0], 32),
        "i64.const" => (long)WastLiteral.Int(imm[0], 64),
        "f32.const" => BitConverter.UInt32BitsToSingle(WastLiteral.F32(imm[0])),
        "f64.const" => BitConverter.UInt64BitsToDouble(WastLiteral.F64(imm[0])),
        _ => V128(imm[0], imm.Skip(1).ToList()),
    };

    public static V V128(string shape, List<string> lanes) => shape switch
    {
        "i8x16" => SimdReference.Map8(i => (long)WastLiteral.Int(lanes[i], 8)),
        "i16x8" => SimdReference.Map16(i => (long)WastLiteral.Int(lanes[i], 16)),
        "i32x4" => SimdReference.Map32(i => (long)WastLiteral.Int(lanes[i], 32)),
        "i64x2" => SimdReference.Map64(i => (long)WastLiteral.Int(lanes[i], 64)),
        "f32x4" => SimdReference.Map32(i => WastLiteral.F32(lanes[i])),
        "f64x2" => SimdReference.Map64(i => (long)WastLiteral.F64(lanes[i])),
        _ => throw new NotSupportedException(shape),
    };

    private static object Zero(string type) => type switch
    {
        "i32" => 0,
        "i64" => 0L,
        "f32" => 0f,
        "f64" => 0.0,
        "v128" => V.Zero,
        _ => throw new NotSupportedException(type),
    };

    private static IEnumerable<byte> Unescape(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                yield return (byte)text[i];
            }
            else if (Uri.IsHexDigit(text[i + 1]))
            {
                yield return Convert.ToByte(text.Substring(i + 1, 2), 16);
                i += 2;
            }
            else
            {
                yield return (byte)(text[i + 1] switch { 'n' => '\n', 't' => '\t', _ => text[i + 1] });
                i++;
            }
        }
    }
}
