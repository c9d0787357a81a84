using System.Runtime.CompilerServices;
using Kiln.Binary;
using Kiln.Compiler;

namespace Kiln.Runtime;

/// <summary>
/// Instantiation in the spec's order: resolve and check imports, create functions, globals (in order, so
/// extended-const initialisers see earlier ones), tables, memories and tags, exports, then run active element
/// and data segments in order and the start function. A trap in a segment keeps the writes of earlier segments.
/// The store's <see cref="StoreLimits"/> are checked first, so a module over a limit creates nothing.
/// </summary>
internal static class Instantiator
{
    // Defined functions' display names, built once per module: formatting them per instance cost more than the rest
    // of an instance-per-request instantiation.
    private static readonly ConditionalWeakTable<CompiledModule, string[]> FunctionNames = [];

    /// <summary>Instantiates <paramref name="module"/>, asking <paramref name="imports"/> for each import in order (null: not defined).</summary>
    public static Instance Instantiate(Store store, WasmModule module, Func<string, string, ExternValue?> imports)
    {
        var resolved = new ExternValue[module.Imports.Count];
        for (int i = 0; i < resolved.Length; i++)
        {
            var import = module.Imports[i];
            resolved[i] = imports(import.Module, import.Name) ?? default;
        }

        return Instantiate(store, module, resolved);
    }

    /// <summary>
    /// Instantiates <paramref name="module"/> with <paramref name="imports"/>, one per import of the module in order
    /// (<c>default</c>: not defined); the array is not kept.
    /// </summary>
    public static Instance Instantiate(Store store, WasmModule module, ExternValue[] imports)
    {
        CheckLimits(store, module);
        FunctionCompiler.UseChecks(module, store.ConsumeFuel, store.EpochInterruption);
        var compiled = CompiledModule.For(module);
        var ids = compiled.TypeIds;
        var inst = new Instance(store) { Module = compiled, Code = compiled.Code, TypeIds = ids };
        int functionCount = 0, tableCount = 0, memoryCount = 0, globalCount = 0, tagCount = 0;
        for (int i = 0; i < imports.Length; i++)
        {
            var import = module.Imports[i];
            var ev = imports[i];
            if (ev.Target is null)
            {
                throw new LinkException("unknown import", import.Module, import.Name);
            }

            if (ev.Kind != import.Kind || !Matches(import, ev.Target, ids))
            {
                throw new LinkException("incompatible import type", import.Module, import.Name);
            }

            switch (ev.Kind)
            {
                case ExternKind.Function: functionCount++; break;
                case ExternKind.Table: tableCount++; break;
                case ExternKind.Memory: memoryCount++; break;
                case ExternKind.Global: globalCount++; break;
                default: tagCount++; break;
            }
        }

        // Every index space is sized once, imports first; a slot is filled before anything can refer to it.
        var functions = new FunctionInstance[functionCount + module.Functions.Count];
        var tables = new TableInstance[tableCount + module.Tables.Count];
        var memories = new LinearMemory[memoryCount + module.Memories.Count];
        var globals = new GlobalInstance[globalCount + module.Globals.Count];
        var tags = new TagInstance[tagCount + module.Tags.Count];
        (functionCount, tableCount, memoryCount, globalCount, tagCount) = (0, 0, 0, 0, 0);
        foreach (var ev in imports)
        {
            switch (ev.Target)
            {
                case FunctionInstance f: functions[functionCount++] = f; break;
                case TableInstance t: tables[tableCount++] = t; break;
                case LinearMemory m: memories[memoryCount++] = m; break;
                case GlobalInstance g: globals[globalCount++] = g; break;
                case TagInstance tag: tags[tagCount++] = tag; break;
            }
        }

        var names = FunctionNames.GetValue(compiled, static c =>
        {
            int imported = c.Module.ImportedFunctionCount;
            var n = new string[c.Module.Functions.Count];
            for (int i = 0; i < n.Length; i++)
            {
                n[i] = c.FunctionName(imported + i);
            }

            return n;
        });
        for (int i = 0; i < module.Functions.Count; i++)
        {
            int typeIndex = module.Functions[i];
            // A function the module compiled already starts with its entry point: no per-instance first-call resolution.
            functions[functionCount + i] = new FunctionInstance(inst, compiled, i, (FuncType)module.Types[typeIndex].Composite, ids[typeIndex], names[i])
            {
                Code = Volatile.Read(ref compiled.Code[i]),
            };
        }

        inst.Functions = functions;

        // Globals are created in order so that each initialiser sees the globals before it (validation allows no other).
        inst.Globals = globals;
        for (int i = 0; i < module.Globals.Count; i++)
        {
            var g = module.Globals[i];
            globals[globalCount + i] = new GlobalInstance(g.Type, ids) { Value = ConstEval.Eval(g.Init, inst) };
        }

        for (int i = 0; i < module.Tables.Count; i++)
        {
            var t = module.Tables[i];
            object? init = t.Init is { } e ? ConstEval.Eval(e, inst).Ref : null;
            tables[tableCount + i] = new TableInstance(t.Type, ids, init, store);
        }

        inst.Tables = tables;
        for (int i = 0; i < module.Memories.Count; i++)
        {
            memories[memoryCount + i] = new LinearMemory(module.Memories[i], store);
        }

        inst.Memories = memories;
        for (int i = 0; i < module.Tags.Count; i++)
        {
            int tagType = module.Tags[i];
            tags[tagCount + i] = new TagInstance((FuncType)module.Types[tagType].Composite, ids[tagType]);
        }

        inst.Tags = tags;
        foreach (var e in module.Exports)
        {
            inst.Exports[e.Name] = e.Kind switch
            {
                ExternKind.Function => ExternValue.Of(inst.Functions[e.Index]),
                ExternKind.Table => ExternValue.Of(inst.Tables[e.Index]),
                ExternKind.Memory => ExternValue.Of(inst.Memories[e.Index]),
                ExternKind.Global => ExternValue.Of(inst.Globals[e.Index]),
                _ => ExternValue.Of(inst.Tags[e.Index]),
            };
        }

        inst.ElementSegments = module.Elements.Count == 0 ? [] : new object?[module.Elements.Count][];
        for (int i = 0; i < module.Elements.Count; i++)
        {
            inst.ElementSegments[i] = EvalElements(module.Elements[i], inst);
        }

        inst.DataSegments = module.Data.Count == 0 ? [] : new ReadOnlyMemory<byte>[module.Data.Count];
        for (int i = 0; i < module.Data.Count; i++)
        {
            inst.DataSegments[i] = module.Data[i].Bytes;
        }

        for (int i = 0; i < module.Elements.Count; i++)
        {
            var seg = module.Elements[i];
            if (seg.Mode == SegmentMode.Active)
            {
                var table = inst.Tables[seg.TableIndex];
                ulong offset = AsAddress(ConstEval.Eval(seg.Offset, inst));
                BulkOps.TableInit(inst, table, i, offset, 0, (ulong)seg.Count);
            }

            if (seg.Mode != SegmentMode.Passive)
            {
                inst.ElementSegments[i] = [];
            }
        }

        for (int i = 0; i < module.Data.Count; i++)
        {
            var seg = module.Data[i];
            if (seg.Mode == SegmentMode.Active)
            {
                ulong offset = AsAddress(ConstEval.Eval(seg.Offset, inst));
                BulkOps.MemoryInit(inst, inst.Memories[seg.MemoryIndex], i, offset, 0, (ulong)seg.Bytes.Length);
                inst.DataSegments[i] = ReadOnlyMemory<byte>.Empty;
            }
        }

        if (module.Start is int start)
        {
            Invoker.Invoke(inst.Functions[start], []);
        }

        return inst;
    }

    /// <summary>Refuses an instantiation over the store's limits, with Wasmtime's wording, then counts it.</summary>
    private static void CheckLimits(Store store, WasmModule module)
    {
        if (store.Limits is not { } limits)
        {
            return;
        }

        CheckCount(limits.Instances, store.InstanceCount, 1, "instance");
        CheckCount(limits.Memories, store.MemoryCount, module.Memories.Count, "memory");
        CheckCount(limits.Tables, store.TableCount, module.Tables.Count, "table");
        if (limits.MemoryBytes is long maxBytes)
        {
            foreach (var m in module.Memories)
            {
                int log2 = m.PageSizeLog2;
                if (m.Limits.Min > ((ulong)Math.Max(maxBytes, 0) >> log2))
                {
                    throw new ResourceLimitException(FormattableString.Invariant($"memory minimum size of {m.Limits.Min} pages exceeds memory limits"));
                }
            }
        }

        if (limits.TableElements is long maxElements)
        {
            foreach (var t in module.Tables)
            {
                if (t.Type.Limits.Min > (ulong)Math.Max(maxElements, 0))
                {
                    throw new ResourceLimitException(FormattableString.Invariant($"table minimum size of {t.Type.Limits.Min} elements exceeds table limits"));
                }
            }
        }

        store.InstanceCount++;
        store.MemoryCount += module.Memories.Count;
        store.TableCount += module.Tables.Count;
    }

    private static void CheckCount(int? max, int used, int adding, string what)
    {
        if (max is int m && adding > 0 && (long)used + adding > m)
        {
            throw new ResourceLimitException(FormattableString.Invariant($"resource limit exceeded: {what} count too high at {(long)used + adding}"));
        }
    }

    private static ulong AsAddress(Value v) => v.Type.Kind == ValTypeKind.I64 ? v.Bits : (uint)v.Bits;

    private static object?[] EvalElements(ElementSegment seg, Instance inst)
    {
        var items = new object?[seg.Count];
        if (seg.FunctionIndices is { } indices)
        {
            for (int j = 0; j < indices.Length; j++)
            {
                items[j] = inst.Functions[indices[j]];
            }
        }
        else
        {
            var exprs = seg.Expressions!;
            for (int j = 0; j < exprs.Length; j++)
            {
                items[j] = ConstEval.Eval(exprs[j], inst).Ref;
            }
        }

        return items;
    }

    private static bool Matches(Import import, object target, int[] ids)
    {
        switch (target)
        {
            case FunctionInstance f:
                // The same canonical type, the usual case, needs no walk of the registry (which takes its lock).
                return f.TypeId == ids[import.TypeIndex] || TypeRegistry.IsSubtype(f.TypeId, ids[import.TypeIndex]);
            case TableInstance t:
                var tt = import.Table;
                return t.Type.Is64 == tt.Is64
                    && LimitsMatch(t.Size, t.Type.Limits.Max, tt.Limits)
                    && TypeRegistry.IsValSubtype(t.Type.ElementType, t.TypeIds, tt.ElementType, ids)
                    && TypeRegistry.IsValSubtype(tt.ElementType, ids, t.Type.ElementType, t.TypeIds);
            case LinearMemory m:
                var mt = import.Memory;
                return m.Type.Is64 == mt.Is64 && m.Type.Shared == mt.Shared && m.Type.PageSizeLog2 == mt.PageSizeLog2
                    && LimitsMatch(m.Pages, m.Type.Limits.Max, mt.Limits);
            case GlobalInstance g:
                var gt = import.Global;
                if (g.Type.Mutable != gt.Mutable)
                {
                    return false;
                }

                bool sub = TypeRegistry.IsValSubtype(g.Type.Type, g.TypeIds, gt.Type, ids);
                return gt.Mutable ? sub && TypeRegistry.IsValSubtype(gt.Type, ids, g.Type.Type, g.TypeIds) : sub;
            case TagInstance tag:
                return tag.TypeId == ids[import.TypeIndex];
            default:
                return false;
        }
    }

    private static bool LimitsMatch(ulong size, ulong? max, Limits expected) =>
        size >= expected.Min && (expected.Max is not ulong emax || (max is ulong m && m <= emax));
}
