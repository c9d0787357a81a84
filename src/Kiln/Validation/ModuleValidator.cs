using Kiln.Binary;

namespace Kiln.Validation;

/// <summary>
/// Validates a whole module as the spec's validation rules say, in the reference interpreter's order
/// (types, imports, tags, functions, memories, tables, globals, data, elements, bodies, start, exports),
/// throwing <see cref="WasmValidationException"/> with the reference interpreter's message on the first error.
/// </summary>
internal static class ModuleValidator
{
    private const ulong MaxTable32 = uint.MaxValue;

    /// <summary>Validates <paramref name="module"/> and returns what was resolved on the way (index spaces, canonical types).</summary>
    public static ValidationContext Validate(WasmModule module)
    {
        var types = ModuleTypes.Create(module);
        var c = new ValidationContext(module, types);
        var fv = FunctionValidator.ForCurrentThread();

        foreach (var import in module.Imports)
        {
            switch (import.Kind)
            {
                case ExternKind.Function:
                    FuncTypeAt(types, import.TypeIndex);
                    c.Functions.Add(import.TypeIndex);
                    break;
                case ExternKind.Table:
                    CheckTableType(types, import.Table);
                    c.Tables.Add(import.Table);
                    break;
                case ExternKind.Memory:
                    CheckMemoryType(import.Memory);
                    c.Memories.Add(import.Memory);
                    break;
                case ExternKind.Global:
                    types.Check(import.Global.Type);
                    c.Globals.Add(import.Global);
                    break;
                case ExternKind.Tag:
                    CheckTagType(types, import.TypeIndex);
                    c.Tags.Add(import.TypeIndex);
                    break;
            }
        }

        foreach (int tag in module.Tags)
        {
            CheckTagType(types, tag);
            c.Tags.Add(tag);
        }

        foreach (int f in module.Functions)
        {
            FuncTypeAt(types, f);
            c.Functions.Add(f);
        }

        foreach (var memory in module.Memories)
        {
            CheckMemoryType(memory);
            c.Memories.Add(memory);
        }

        CollectDeclaredFunctions(module, c);

        int importedGlobals = c.Globals.Count;
        foreach (var table in module.Tables)
        {
            CheckTableType(types, table.Type);
            var et = table.Type.ElementType;
            if (table.Init is { } init)
            {
                fv.ValidateConstant(c, init, et, importedGlobals);
            }
            else if (!et.Nullable)
            {
                throw new WasmValidationException($"type mismatch: table of non-nullable type {StackTypes.Format(et)} needs an initialiser");
            }

            c.Tables.Add(table.Type);
        }

        foreach (var global in module.Globals)
        {
            types.Check(global.Type.Type);
            fv.ValidateConstant(c, global.Init, global.Type.Type, c.Globals.Count);
            c.Globals.Add(global.Type);
        }

        c.DataCount = module.Data.Count;
        foreach (var data in module.Data)
        {
            if (data.Mode == SegmentMode.Active)
            {
                var memory = data.MemoryIndex >= 0 && data.MemoryIndex < c.Memories.Count
                    ? c.Memories[data.MemoryIndex]
                    : throw new WasmValidationException($"unknown memory {(uint)data.MemoryIndex}");
                fv.ValidateConstant(c, data.Offset, memory.Is64 ? ValType.I64 : ValType.I32, c.Globals.Count);
            }
        }

        foreach (var elem in module.Elements)
        {
            CheckElement(c, fv, elem);
            c.ElementTypes.Add(elem.ElementType);
        }

        if (module.Code.Count != module.Functions.Count)
        {
            throw new WasmDecodeException("function and code section have inconsistent lengths", 0, "code");
        }

        int imported = c.Functions.Count - module.Functions.Count;
        for (int i = 0; i < module.Code.Count; i++)
        {
            fv.ValidateFunction(c, imported + i, types.Func(module.Functions[i])!, module.Code[i]);
        }

        foreach (var hint in module.BranchHints)
        {
            // A hint is only for a conditional branch: if or br_if.
            var code = module.Code[hint.DefinedFunction].Body.Code.Span;
            if (hint.Offset >= code.Length || code[hint.Offset] is not (0x04 or 0x0D))
            {
                throw new WasmValidationException("@metadata.code.branch_hint annotation: invalid target", imported + hint.DefinedFunction, hint.Offset);
            }
        }

        if (module.Start is int start)
        {
            if ((uint)start >= (uint)c.Functions.Count)
            {
                throw new WasmValidationException($"unknown function {(uint)start}");
            }

            var ft = types.Func(c.Functions[start])!;
            if (ft.Params.Length != 0 || ft.Results.Length != 0)
            {
                throw new WasmValidationException("start function must not have parameters or results");
            }
        }

        CheckExports(c);
        return c;
    }

    private static FuncType FuncTypeAt(ModuleTypes types, int index)
    {
        if ((uint)index >= (uint)types.Count)
        {
            throw new WasmValidationException($"unknown type {(uint)index}");
        }

        return types.Func(index) ?? throw new WasmValidationException($"type mismatch: non-function type {index}");
    }

    private static void CheckTagType(ModuleTypes types, int index)
    {
        if (FuncTypeAt(types, index).Results.Length != 0)
        {
            throw new WasmValidationException("non-empty tag result type");
        }
    }

    private static void CheckTableType(ModuleTypes types, TableType t)
    {
        types.Check(t.ElementType);
        ulong range = t.Is64 ? ulong.MaxValue : MaxTable32;
        CheckLimits(t.Limits, range, t.Is64 ? "table size must be at most 2^64-1" : "table size must be at most 2^32-1");
    }

    private static void CheckMemoryType(MemoryType m)
    {
        if (m.PageSizeLog2 is not (0 or 16))
        {
            throw new WasmValidationException("invalid custom page size");
        }

        // The address space is 2^32 bytes (2^64 for i64) counted in pages, and a page count must fit the address type.
        int addressBits = m.Is64 ? 64 : 32;
        int pageBits = addressBits - m.PageSizeLog2;
        ulong range = pageBits >= 64 ? ulong.MaxValue : 1UL << pageBits;
        range = Math.Min(range, m.Is64 ? ulong.MaxValue : uint.MaxValue);
        string message = (m.Is64, m.PageSizeLog2) switch
        {
            (false, 16) => "memory size must be at most 65536 pages (4GiB)",
            (true, 16) => "memory size must be at most 2^48 pages (256TiB)",
            _ => $"memory size must be at most {range} pages",
        };
        CheckLimits(m.Limits, range, message);
        if (m.Shared && m.Limits.Max is null)
        {
            throw new WasmValidationException("shared memory must have maximum");
        }
    }

    private static void CheckLimits(Limits limits, ulong range, string message)
    {
        if (limits.Min > range)
        {
            throw new WasmValidationException(message);
        }

        if (limits.Max is ulong max)
        {
            if (max > range)
            {
                throw new WasmValidationException(message);
            }

            if (limits.Min > max)
            {
                throw new WasmValidationException("size minimum must not be greater than maximum");
            }
        }
    }

    private static void CheckElement(ValidationContext c, FunctionValidator fv, ElementSegment elem)
    {
        var types = c.Types;
        var et = elem.ElementType;
        types.Check(et);
        if (elem.FunctionIndices is { } indices)
        {
            if (!types.Matches(ValType.Ref(HeapType.Func, nullable: false), et))
            {
                throw new WasmValidationException($"type mismatch: element segment's type {StackTypes.Format(et)} does not hold functions");
            }

            foreach (int f in indices)
            {
                if ((uint)f >= (uint)c.Functions.Count)
                {
                    throw new WasmValidationException($"unknown function {(uint)f}");
                }
            }
        }
        else
        {
            foreach (var e in elem.Expressions!)
            {
                fv.ValidateConstant(c, e, et, c.Globals.Count);
            }
        }

        if (elem.Mode == SegmentMode.Active)
        {
            if ((uint)elem.TableIndex >= (uint)c.Tables.Count)
            {
                throw new WasmValidationException($"unknown table {(uint)elem.TableIndex}");
            }

            var table = c.Tables[elem.TableIndex];
            if (!types.Matches(et, table.ElementType))
            {
                throw new WasmValidationException($"type mismatch: element segment's type {StackTypes.Format(et)} does not match table's element type {StackTypes.Format(table.ElementType)}");
            }

            fv.ValidateConstant(c, elem.Offset, table.Is64 ? ValType.I64 : ValType.I32, c.Globals.Count);
        }
    }

    private static void CheckExports(ValidationContext c)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var export in c.Module.Exports)
        {
            (int count, string what) = export.Kind switch
            {
                ExternKind.Function => (c.Functions.Count, "function"),
                ExternKind.Table => (c.Tables.Count, "table"),
                ExternKind.Memory => (c.Memories.Count, "memory"),
                ExternKind.Global => (c.Globals.Count, "global"),
                _ => (c.Tags.Count, "tag"),
            };
            if ((uint)export.Index >= (uint)count)
            {
                throw new WasmValidationException($"unknown {what} {(uint)export.Index}");
            }

            if (!names.Add(export.Name))
            {
                throw new WasmValidationException($"duplicate export name \"{export.Name}\"");
            }
        }
    }

    /// <summary>
    /// Functions named outside function bodies and the start function (exports, element segments, constant
    /// expressions) are the ones <c>ref.func</c> in a body may name.
    /// </summary>
    private static void CollectDeclaredFunctions(WasmModule module, ValidationContext c)
    {
        var declared = c.DeclaredFunctions;
        foreach (var export in module.Exports)
        {
            if (export.Kind == ExternKind.Function)
            {
                declared.Add(export.Index);
            }
        }

        foreach (var table in module.Tables)
        {
            if (table.Init is { } init)
            {
                AddRefFuncs(init, declared);
            }
        }

        foreach (var global in module.Globals)
        {
            AddRefFuncs(global.Init, declared);
        }

        foreach (var elem in module.Elements)
        {
            if (elem.FunctionIndices is { } indices)
            {
                declared.UnionWith(indices);
            }
            else
            {
                foreach (var e in elem.Expressions!)
                {
                    AddRefFuncs(e, declared);
                }
            }

            if (elem.Mode == SegmentMode.Active)
            {
                AddRefFuncs(elem.Offset, declared);
            }
        }

        foreach (var data in module.Data)
        {
            if (data.Mode == SegmentMode.Active)
            {
                AddRefFuncs(data.Offset, declared);
            }
        }
    }

    private static void AddRefFuncs(Expr expr, HashSet<int> declared)
    {
        var r = new InstructionReader(expr.Code.Span, expr.Offset, null);
        while (!r.AtEnd)
        {
            if (r.Read() == Opcode.RefFunc)
            {
                declared.Add((int)r.Index);
            }
        }
    }
}
