using Kiln.Binary;

namespace Kiln.Wast;

/// <summary>
/// The <c>spectest</c> host module the suite imports, written as an ordinary Wasm module so that any executor
/// can instantiate it: <c>print*</c> functions that do nothing, the globals 666 / 666.6, <c>table</c> and
/// <c>table64</c> (10..20 funcref), <c>memory</c> (1..2 pages) and <c>shared_memory</c> (shared, 1..2 pages).
/// </summary>
internal static class WastSpectest
{
    public const string Name = "spectest";

    public static WasmModule Create()
    {
        var m = new WasmModule();
        void Func(string name, params ValType[] parameters)
        {
            m.RecGroups.Add(new RecGroup(m.Types.Count, 1));
            m.Functions.Add(m.Types.Count);
            m.Types.Add(new SubType(new FuncType(parameters, []), final: true, []));
            m.Code.Add(new FunctionBody([], new Expr(new byte[] { 0x0B }, 0)));
            m.Exports.Add(new Export(name, ExternKind.Function, m.Functions.Count - 1));
        }

        Func("print");
        Func("print_i32", ValType.I32);
        Func("print_i64", ValType.I64);
        Func("print_f32", ValType.F32);
        Func("print_f64", ValType.F64);
        Func("print_i32_f32", ValType.I32, ValType.F32);
        Func("print_f64_f64", ValType.F64, ValType.F64);

        void Global(string name, ValType type, byte[] init)
        {
            m.Globals.Add(new Global(new GlobalType(type, Mutable: false), new Expr(init, 0)));
            m.Exports.Add(new Export(name, ExternKind.Global, m.Globals.Count - 1));
        }

        // i32.const 666 / i64.const 666 (signed LEB128 9a 05), f32.const 666.6, f64.const 666.6, each then end.
        Global("global_i32", ValType.I32, [0x41, 0x9A, 0x05, 0x0B]);
        Global("global_i64", ValType.I64, [0x42, 0x9A, 0x05, 0x0B]);
        Global("global_f32", ValType.F32, [0x43, .. BitConverter.GetBytes(666.6f), 0x0B]);
        Global("global_f64", ValType.F64, [0x44, .. BitConverter.GetBytes(666.6), 0x0B]);

        m.Tables.Add(new Table(new TableType(ValType.FuncRef, new Limits(10, 20)), null));
        m.Exports.Add(new Export("table", ExternKind.Table, 0));
        m.Tables.Add(new Table(new TableType(ValType.FuncRef, new Limits(10, 20), Is64: true), null));
        m.Exports.Add(new Export("table64", ExternKind.Table, 1));

        m.Memories.Add(new MemoryType(new Limits(1, 2)));
        m.Exports.Add(new Export("memory", ExternKind.Memory, 0));
        m.Memories.Add(new MemoryType(new Limits(1, 2), Shared: true));
        m.Exports.Add(new Export("shared_memory", ExternKind.Memory, 1));
        return m;
    }
}
