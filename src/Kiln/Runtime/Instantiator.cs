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
    public static Instance Instantiate(Store store, WasmModule module, Func<string, string, ExternValue?> imports)
    {
        CheckLimits(store, module);
        FunctionCompiler.UseChecks(module, store.ConsumeFuel, store.EpochInterruption);
        var compiled = CompiledModule.For(module);
        var ids = compiled.TypeIds;
        var inst = new Instance(store) { Module = compiled, Code = compiled.Code, TypeIds = ids };
        var functions = new List<FunctionInstance>();
        var tables = new List<TableInstance>();
        var memories = new List<LinearMemory>();
        var globals = new List<GlobalInstance>();
        var tags = new List<TagInstance>();
        foreach (var import in module.Imports)
        {
            var ev = imports(import.Module, import.Name) ?? throw new LinkException("unknown import", import.Module, import.Name);
            if (ev.Kind != import.Kind || !Matches(import, ev.Target, ids))
            {
                throw new LinkException("incompatible import type", import.Module, import.Name);
            }

            switch (ev.Target)
            {
                case FunctionInstance f: functions.Add(f); break;
                case TableInstance t: tables.Add(t); break;
                case LinearMemory m: memories.Add(m); break;
                case GlobalInstance g: globals.Add(g); break;
                case TagInstance tag: tags.Add(tag); break;
            }
        }

        for (int i = 0; i < module.Functions.Count; i++)
        {
            int typeIndex = module.Functions[i];
            int funcIndex = functions.Count;
            functions.Add(new FunctionInstance(inst, compiled, i, (FuncType)module.Types[typeIndex].Composite, ids[typeIndex], compiled.FunctionName(funcIndex)));
        }

        inst.Functions = [.. functions];

        // Globals are created in order so that each initialiser sees the globals before it.
        inst.Globals = [.. globals];
        foreach (var g in module.Globals)
        {
            var gi = new GlobalInstance(g.Type, ids) { Value = ConstEval.Eval(g.Init, inst) };
            globals.Add(gi);
            inst.Globals = [.. globals];
        }

        foreach (var t in module.Tables)
        {
            object? init = t.Init is { } e ? ConstEval.Eval(e, inst).Ref : null;
            tables.Add(new TableInstance(t.Type, ids, init, store));
        }

        inst.Tables = [.. tables];
        foreach (var m in module.Memories)
        {
            memories.Add(new LinearMemory(m, store));
        }

        inst.Memories = [.. memories];
        foreach (int tagType in module.Tags)
        {
            tags.Add(new TagInstance((FuncType)module.Types[tagType].Composite, ids[tagType]));
        }

        inst.Tags = [.. tags];
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

        inst.ElementSegments = new object?[module.Elements.Count][];
        for (int i = 0; i < module.Elements.Count; i++)
        {
            inst.ElementSegments[i] = EvalElements(module.Elements[i], inst);
        }

        inst.DataSegments = new ReadOnlyMemory<byte>[module.Data.Count];
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
                return TypeRegistry.IsSubtype(f.TypeId, ids[import.TypeIndex]);
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
