using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Kiln.Compiler;

/// <summary>
/// A .NET assembly being built from a module's functions, to save with <see cref="PersistedAssemblyBuilder"/> and load
/// in a later process (see <see cref="PersistedLoader"/>). One static class holds a method per defined function, in
/// order, and a static readonly field per process-specific value the code needs (<see cref="FunctionCompiler"/>'s
/// process constants); its type initializer computes those values in the loading process, before any function runs.
/// The assembly carries its own <c>IgnoresAccessChecksToAttribute("Kiln")</c>, so the runtime lets its code use Kiln's
/// internals as a <see cref="DynamicMethod"/> with skipped visibility checks does.
/// </summary>
internal sealed class PersistedTarget
{
    /// <summary>Name of the static class holding the functions.</summary>
    public const string CodeTypeName = "Kiln.Compiled.Code";

    private static readonly MethodInfo TypeFromHandle = typeof(Type).GetMethod(nameof(Type.GetTypeFromHandle))!;

    private readonly PersistedAssemblyBuilder _assembly;
    private readonly TypeBuilder _code;
    private readonly ConstructorBuilder _ignoresAccessChecksTo;
    private readonly MethodAttributes _attributes = MethodAttributes.Public | MethodAttributes.Static | MethodAttributes.HideBySig;
    private readonly MethodBuilder?[] _functions;
    private readonly Dictionary<int, FieldBuilder> _typeIds = [];
    private readonly Dictionary<int, FieldBuilder> _f32 = [];
    private readonly Dictionary<long, FieldBuilder> _f64 = [];
    private readonly Dictionary<MethodInfo, FieldBuilder> _methodIds = [];

    /// <param name="functionCount">How many functions the module defines.</param>
    public PersistedTarget(int functionCount)
    {
        var name = new AssemblyName("Kiln.Compiled");
        _assembly = new PersistedAssemblyBuilder(name, typeof(object).Assembly);
        var module = _assembly.DefineDynamicModule(name.Name!);
        _ignoresAccessChecksTo = DefineIgnoresAccessChecksTo(module);
        _code = module.DefineType(CodeTypeName, TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class);
        _functions = new MethodBuilder?[functionCount];
    }

    /// <summary>Defines the method of defined function <paramref name="definedIndex"/>; functions must be defined in order.</summary>
    public MethodBuilder DefineFunction(int definedIndex, string name, Type returnType, Type[] parameterTypes)
    {
        if (definedIndex != 0 && _functions[definedIndex - 1] is null)
        {
            throw new InvalidOperationException("persisted functions must be defined in order");
        }

        var method = _code.DefineMethod(name, _attributes, returnType, parameterTypes);
        // Optimised at once, as DynamicMethods are, rather than tiered: quick (Tier0) code runs the checks' helpers
        // out of line. Measured on yosys (compile.md).
        method.SetImplementationFlags(MethodImplAttributes.AggressiveOptimization);
        _functions[definedIndex] = method;
        return method;
    }

    /// <summary>The field holding the canonical id of type <paramref name="typeIndex"/> in the loading process.</summary>
    public FieldInfo TypeIdSlot(int typeIndex) => Slot(_typeIds, typeIndex, "type");

    /// <summary>The field holding the index in <see cref="OpaqueConstants.F32"/> of the constant with these bits.</summary>
    public FieldInfo F32IndexSlot(int bits) => Slot(_f32, bits, "f32");

    /// <summary>The field holding the index in <see cref="OpaqueConstants.F64"/> of the constant with these bits.</summary>
    public FieldInfo F64IndexSlot(long bits) => Slot(_f64, bits, "f64");

    /// <summary>The field holding <paramref name="method"/>'s id for exception filters (see <see cref="FunctionCompiler.NewMethodId"/>).</summary>
    public FieldInfo MethodIdSlot(MethodInfo method) => Slot(_methodIds, method, "method");

    /// <summary>
    /// The metadata token of the first function's method, once saved: the others follow it in order, so the loader
    /// resolves function <c>i</c> as token <c>first + i</c> without enumerating them.
    /// </summary>
    public int FirstFunctionToken
    {
        get
        {
            int first = _functions.Length == 0 ? 0 : _functions[0]!.MetadataToken;
            for (int i = 1; i < _functions.Length; i++)
            {
                if (_functions[i]!.MetadataToken != first + i)
                {
                    throw new InvalidOperationException("persisted function tokens are not consecutive");
                }
            }

            return first;
        }
    }

    /// <summary>Writes the type initializer, finishes the types and returns the assembly image (a DLL).</summary>
    public byte[] Save()
    {
        if (_functions.Length > 0 && _functions[^1] is null)
        {
            throw new InvalidOperationException("not every function was compiled");
        }

        EmitTypeInitializer();
        _code.CreateType();

        // The assembly attribute is added to the finished metadata: PersistedAssemblyBuilder writes an assembly
        // attribute whose constructor is defined in the same assembly with a null token (.NET 10), which the loader refuses.
        var metadata = _assembly.GenerateMetadata(out var il, out var fieldData);
        var value = new BlobBuilder();
        value.WriteUInt16(1);
        value.WriteSerializedString(typeof(PersistedTarget).Assembly.GetName().Name);
        value.WriteUInt16(0);
        metadata.AddCustomAttribute(
            EntityHandle.AssemblyDefinition,
            MetadataTokens.MethodDefinitionHandle(MetadataTokens.GetRowNumber(MetadataTokens.EntityHandle(_ignoresAccessChecksTo.MetadataToken))),
            metadata.GetOrAddBlob(value));
        var image = new BlobBuilder();
        new ManagedPEBuilder(PEHeaderBuilder.CreateLibraryHeader(), new MetadataRootBuilder(metadata), il, fieldData).Serialize(image);
        return image.ToArray();
    }

    private FieldBuilder Slot<TKey>(Dictionary<TKey, FieldBuilder> slots, TKey key, string kind)
        where TKey : notnull
    {
        if (!slots.TryGetValue(key, out var field))
        {
            field = _code.DefineField(kind + "#" + slots.Count, typeof(int), FieldAttributes.Public | FieldAttributes.Static | FieldAttributes.InitOnly);
            slots.Add(key, field);
        }

        return field;
    }

    private void EmitTypeInitializer()
    {
        var il = _code.DefineTypeInitializer().GetILGenerator();
        if (_typeIds.Count > 0)
        {
            var ids = il.DeclareLocal(typeof(int[]));
            il.Emit(OpCodes.Ldtoken, _code);
            il.Emit(OpCodes.Call, TypeFromHandle);
            il.Emit(OpCodes.Call, typeof(PersistedLoader).GetMethod(nameof(PersistedLoader.TypeIdsFor))!);
            il.Emit(OpCodes.Stloc, ids);
            foreach (var (typeIndex, field) in _typeIds)
            {
                il.Emit(OpCodes.Ldloc, ids);
                il.Emit(OpCodes.Ldc_I4, typeIndex);
                il.Emit(OpCodes.Ldelem_I4);
                il.Emit(OpCodes.Stsfld, field);
            }
        }

        foreach (var (bits, field) in _f32)
        {
            il.Emit(OpCodes.Ldc_I4, bits);
            il.Emit(OpCodes.Call, typeof(OpaqueConstants).GetMethod(nameof(OpaqueConstants.IndexOfF32))!);
            il.Emit(OpCodes.Stsfld, field);
        }

        foreach (var (bits, field) in _f64)
        {
            il.Emit(OpCodes.Ldc_I8, bits);
            il.Emit(OpCodes.Call, typeof(OpaqueConstants).GetMethod(nameof(OpaqueConstants.IndexOfF64))!);
            il.Emit(OpCodes.Stsfld, field);
        }

        foreach (var field in _methodIds.Values)
        {
            il.Emit(OpCodes.Call, typeof(FunctionCompiler).GetMethod(nameof(FunctionCompiler.NewMethodId))!);
            il.Emit(OpCodes.Stsfld, field);
        }

        il.Emit(OpCodes.Ret);
    }

    /// <summary>
    /// Defines <c>System.Runtime.CompilerServices.IgnoresAccessChecksToAttribute</c> in the generated assembly: the
    /// runtime honours it by name, but no reference assembly declares it.
    /// </summary>
    private static ConstructorBuilder DefineIgnoresAccessChecksTo(ModuleBuilder module)
    {
        var type = module.DefineType(
            "System.Runtime.CompilerServices.IgnoresAccessChecksToAttribute",
            TypeAttributes.NotPublic | TypeAttributes.Sealed | TypeAttributes.Class,
            typeof(Attribute));
        type.SetCustomAttribute(new CustomAttributeBuilder(
            typeof(AttributeUsageAttribute).GetConstructor([typeof(AttributeTargets)])!,
            [AttributeTargets.Assembly],
            [typeof(AttributeUsageAttribute).GetProperty(nameof(AttributeUsageAttribute.AllowMultiple))!],
            [true]));
        var ctor = type.DefineConstructor(MethodAttributes.Public, CallingConventions.Standard, [typeof(string)]);
        var il = ctor.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, typeof(Attribute).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes)!);
        il.Emit(OpCodes.Ret);
        type.CreateType();
        return ctor;
    }
}
