using Kiln.Binary;
using Kiln.Validation;
using static Kiln.Tests.Validation.TestModules;

namespace Kiln.Tests.Validation;

public class ModuleValidatorTests
{
    private static readonly ValType I32 = ValType.I32;
    private static readonly ValType I64 = ValType.I64;

    private static string Invalid(WasmModule m) => Assert.Throws<WasmValidationException>(() => ModuleValidator.Validate(m)).Reason;

    [Fact]
    public void Validate_accepts_function_when_operands_match()
    {
        // local.get 0, local.get 1, i32.add, end
        var m = Function(Sig([I32, I32], [I32]), [0x20, 0, 0x20, 1, 0x6A, 0x0B]);
        ModuleValidator.Validate(m);
    }

    [Fact]
    public void Validate_reports_operand_types_when_they_mismatch()
    {
        // i64.const 1, i32.eqz
        var m = Function(Sig([], []), [0x42, 1, 0x45, 0x1A, 0x0B]);
        Assert.Equal("type mismatch: instruction requires [i32] but stack has [i64]", Invalid(m));
    }

    [Fact]
    public void Validate_reports_missing_operand_when_stack_is_empty()
    {
        var m = Function(Sig([], [I32]), [0x0B]);
        Assert.Equal("type mismatch: instruction requires [i32] but stack has []", Invalid(m));
    }

    [Fact]
    public void Validate_reports_extra_values_when_block_ends()
    {
        // i32.const 1, end (function has no results)
        var m = Function(Sig([], []), [0x41, 1, 0x0B]);
        Assert.Equal("type mismatch: block requires [] but stack has [i32]", Invalid(m));
    }

    [Fact]
    public void Validate_accepts_polymorphic_stack_when_unreachable()
    {
        // unreachable, i32.add, drop, i64.const 0 ... (result i64): unreachable i32.add drop unreachable end
        var m = Function(Sig([], [I64]), [0x00, 0x6A, 0x1A, 0x00, 0x0B]);
        ModuleValidator.Validate(m);
    }

    [Fact]
    public void Validate_rejects_br_table_when_label_arities_differ()
    {
        // block (result i32) block  i32.const 0 i32.const 0 br_table 0 1 end ... end
        var m = Function(Sig([], [I32]), [0x02, 0x7F, 0x02, 0x40, 0x41, 0, 0x41, 0, 0x0E, 1, 0, 1, 0x0B, 0x41, 0, 0x0B, 0x0B]);
        Assert.StartsWith("type mismatch", Invalid(m));
    }

    [Fact]
    public void Validate_rejects_local_get_when_non_defaultable_local_is_unset()
    {
        var m = Function(Sig([], []), [0x20, 0, 0x1A, 0x0B], new LocalGroup(1, ValType.Ref(HeapType.Func, nullable: false)));
        Assert.Equal("uninitialized local", Invalid(m));
    }

    [Fact]
    public void Validate_forgets_local_initialisation_when_block_ends()
    {
        // block: ref.func 0, local.set 0, end; local.get 0
        var m = Function(Sig([], []), [0x02, 0x40, 0xD2, 0, 0x21, 0, 0x0B, 0x20, 0, 0x1A, 0x0B], new LocalGroup(1, ValType.Ref(HeapType.Func, nullable: false)));
        m.Exports.Add(new Export("f", ExternKind.Function, 0));
        Assert.Equal("uninitialized local", Invalid(m));
    }

    [Fact]
    public void Validate_rejects_ref_func_when_function_is_not_declared()
    {
        var m = Function(Sig([], []), [0xD2, 0, 0x1A, 0x0B]);
        Assert.StartsWith("undeclared function reference", Invalid(m));
        m.Exports.Add(new Export("f", ExternKind.Function, 0));
        ModuleValidator.Validate(m);
    }

    [Fact]
    public void Validate_rejects_untyped_select_when_operands_are_references()
    {
        // ref.null func, ref.null func, i32.const 1, select, drop
        var m = Function(Sig([], []), [0xD0, 0x70, 0xD0, 0x70, 0x41, 1, 0x1B, 0x1A, 0x0B]);
        Assert.StartsWith("type mismatch", Invalid(m));
    }

    [Fact]
    public void Validate_rejects_alignment_when_larger_than_natural()
    {
        // i32.const 0, i32.load align=8 offset=0, drop
        var m = Function(Sig([], []), [0x41, 0, 0x28, 3, 0, 0x1A, 0x0B]);
        m.Memories.Add(new MemoryType(new Limits(1, null)));
        Assert.Equal("alignment must not be larger than natural", Invalid(m));
    }

    [Fact]
    public void Validate_rejects_memory_access_when_memory_is_missing()
    {
        var m = Function(Sig([], []), [0x41, 0, 0x28, 2, 0, 0x1A, 0x0B]);
        Assert.Equal("unknown memory 0", Invalid(m));
    }

    [Fact]
    public void Validate_rejects_extract_lane_when_lane_is_out_of_range()
    {
        // v128.const 0..., i32x4.extract_lane 4, drop
        byte[] body = [0xFD, 0x0C, .. new byte[16], 0xFD, 0x1B, 4, 0x1A, 0x0B];
        var m = Function(Sig([], []), body);
        Assert.Equal("invalid lane index", Invalid(m));
    }

    [Fact]
    public void Validate_rejects_return_call_when_callee_results_differ()
    {
        var m = Function(Sig([], [I32]), [0x12, 1, 0x0B]);
        int t = AddType(m, Sig([], [I64]));
        m.Functions.Add(t);
        m.Code.Add(new FunctionBody([], Code(0x42, 0, 0x0B)));
        Assert.StartsWith("type mismatch", Invalid(m));
    }

    [Fact]
    public void Validate_checks_memory_limits()
    {
        var m = new WasmModule();
        m.Memories.Add(new MemoryType(new Limits(65537, null)));
        Assert.Equal("memory size must be at most 65536 pages (4GiB)", Invalid(m));
        m.Memories[0] = new MemoryType(new Limits(2, 1));
        Assert.Equal("size minimum must not be greater than maximum", Invalid(m));
        m.Memories[0] = new MemoryType(new Limits(1, null), Shared: true);
        Assert.Equal("shared memory must have maximum", Invalid(m));
        m.Memories[0] = new MemoryType(new Limits(1UL << 40, null), Is64: true);
        ModuleValidator.Validate(m);
    }

    [Fact]
    public void Validate_rejects_global_initialiser_when_it_reads_a_mutable_or_later_global()
    {
        var m = new WasmModule();
        m.Globals.Add(new Global(new GlobalType(I32, true), Code(0x41, 1, 0x0B)));
        m.Globals.Add(new Global(new GlobalType(I32, false), Code(0x23, 0, 0x0B)));
        Assert.Equal("constant expression required", Invalid(m));
        m.Globals[0] = new Global(new GlobalType(I32, false), Code(0x23, 1, 0x0B));
        Assert.Equal("unknown global 1", Invalid(m));
    }

    [Fact]
    public void Validate_accepts_extended_constant_expressions()
    {
        var m = new WasmModule();
        m.Globals.Add(new Global(new GlobalType(I32, false), Code(0x41, 1, 0x0B)));
        // global.get 0, i32.const 2, i32.mul, i32.const 3, i32.add
        m.Globals.Add(new Global(new GlobalType(I32, false), Code(0x23, 0, 0x41, 2, 0x6C, 0x41, 3, 0x6A, 0x0B)));
        ModuleValidator.Validate(m);
        m.Globals[1] = new Global(new GlobalType(I32, false), Code(0x23, 0, 0x41, 2, 0x6D, 0x0B));
        Assert.Equal("constant expression required", Invalid(m));
    }

    [Fact]
    public void Validate_rejects_duplicate_export_names()
    {
        var m = Function(Sig([], []), [0x0B]);
        m.Exports.Add(new Export("a", ExternKind.Function, 0));
        m.Exports.Add(new Export("a", ExternKind.Function, 0));
        Assert.StartsWith("duplicate export name", Invalid(m));
    }

    [Fact]
    public void Validate_rejects_start_function_when_it_has_parameters()
    {
        var m = Function(Sig([I32], []), [0x0B]);
        m.Start = 0;
        Assert.StartsWith("start function", Invalid(m));
    }

    [Fact]
    public void Validate_rejects_table_of_non_nullable_type_without_initialiser()
    {
        var m = new WasmModule();
        m.Tables.Add(new Table(new TableType(ValType.Ref(HeapType.Func, nullable: false), new Limits(0, null)), null));
        Assert.StartsWith("type mismatch", Invalid(m));
    }

    [Fact]
    public void Validate_checks_struct_field_access()
    {
        var m = new WasmModule();
        int s = AddType(m, new StructType([new FieldType(ValType.I8, false)]));
        int f = AddType(m, Sig([ValType.Ref(HeapType.OfIndex(s), nullable: true)], [I32]));
        m.Functions.Add(f);

        // local.get 0, struct.get_s s 0
        m.Code.Add(new FunctionBody([], Code(0x20, 0, 0xFB, 0x03, (byte)s, 0, 0x0B)));
        ModuleValidator.Validate(m);

        // struct.get on a packed field
        m.Code[0] = new FunctionBody([], Code(0x20, 0, 0xFB, 0x02, (byte)s, 0, 0x0B));
        Assert.Equal("field is packed", Invalid(m));

        // local.get 0, i32.const 1, struct.set s 0 on an immutable field
        m.Types[f] = new SubType(Sig([ValType.Ref(HeapType.OfIndex(s), nullable: true)], []), true, []);
        m.Code[0] = new FunctionBody([], Code(0x20, 0, 0x41, 1, 0xFB, 0x05, (byte)s, 0, 0x0B));
        Assert.Equal("immutable field", Invalid(m));
    }

    [Fact]
    public void Validate_checks_try_table_catch_clause_against_label()
    {
        var m = new WasmModule();
        int tagType = AddType(m, Sig([I32], []));
        int f = AddType(m, Sig([], []));
        m.Tags.Add(tagType);
        m.Functions.Add(f);

        // block (result i32) try_table (catch 0 0) end unreachable end drop
        m.Code.Add(new FunctionBody([], Code(0x02, 0x7F, 0x1F, 0x40, 1, 0, 0, 0, 0x0B, 0x00, 0x0B, 0x1A, 0x0B)));
        ModuleValidator.Validate(m);

        // the same with a block (result i64)
        m.Code[0] = new FunctionBody([], Code(0x02, 0x7E, 0x1F, 0x40, 1, 0, 0, 0, 0x0B, 0x00, 0x0B, 0x1A, 0x0B));
        Assert.StartsWith("type mismatch", Invalid(m));
    }

    [Fact]
    public void Validate_reports_function_index_and_offset_when_body_is_invalid()
    {
        var m = Function(Sig([], []), [0x01, 0x6A, 0x0B]);
        var e = Assert.Throws<WasmValidationException>(() => ModuleValidator.Validate(m));
        Assert.Equal(0, e.FunctionIndex);
        Assert.Equal(1, e.Offset);
    }

    [Fact]
    public void Validate_types_br_if_result_as_label_type()
    {
        var m = new WasmModule();
        int t = AddType(m, Sig([], []));
        int f = AddType(m, Sig([ValType.Ref(HeapType.OfIndex(t), nullable: true)], [ValType.FuncRef]));
        int g = AddType(m, Sig([], [ValType.FuncRef]));
        m.Functions.Add(f);
        m.Functions.Add(g);
        m.Code.Add(new FunctionBody([], Code(0x20, 0, 0x0B)));

        // ref.null t, i32.const 0, br_if 0 (leaves funcref), call 0 (wants (ref null t))
        m.Code.Add(new FunctionBody([], Code(0xD0, (byte)t, 0x41, 0, 0x0D, 0, 0x10, 0, 0x0B)));
        Assert.StartsWith("type mismatch", Invalid(m));
    }

    [Fact]
    public void Validate_checks_operands_below_call_ref_when_unreachable()
    {
        var m = new WasmModule();
        int t = AddType(m, Sig([I32], [I32]));
        m.Functions.Add(t);
        m.Functions.Add(t);
        m.Exports.Add(new Export("f", ExternKind.Function, 0));
        m.Code.Add(new FunctionBody([], Code(0x20, 0, 0x0B)));

        // unreachable, i64.const 0, ref.func 0, call_ref t
        m.Code.Add(new FunctionBody([], Code(0x00, 0x42, 0, 0xD2, 0, 0x14, (byte)t, 0x0B)));
        Assert.StartsWith("type mismatch", Invalid(m));

        // unreachable, ref.func 0, call_ref t: the missing i32 is polymorphic
        m.Code[1] = new FunctionBody([], Code(0x00, 0xD2, 0, 0x14, (byte)t, 0x0B));
        ModuleValidator.Validate(m);
    }
}
