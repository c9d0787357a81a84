using System.Reflection;
using System.Runtime.CompilerServices;
using Kiln.Binary;

namespace Kiln.Compiler;

/// <summary>
/// Compiles a module into a persisted assembly (<see cref="Compile"/>) and loads one back (<see cref="Load"/>): the
/// assembly goes into its own collectible <see cref="PersistedLoadContext"/>, its type initializer computes the
/// process-specific values its code uses (see <see cref="PersistedTarget"/>), and the module's
/// <see cref="CompiledModule"/> resolves each function's method on its first call instead of generating IL.
/// </summary>
internal static class PersistedLoader
{
    /// <summary>Canonical type ids for each loaded code class, read once by its type initializer.</summary>
    private static readonly ConditionalWeakTable<Type, int[]> TypeIds = [];

    /// <summary>
    /// Compiles every defined function of <paramref name="cm"/> (whose checks were fixed by
    /// <see cref="FunctionCompiler.UseChecks"/>) and returns the assembly image and its first function's token.
    /// </summary>
    /// <exception cref="NotSupportedException">The module uses a feature whose code cannot be persisted yet.</exception>
    public static (byte[] Image, int FirstFunctionToken) Compile(CompiledModule cm)
    {
        var target = new PersistedTarget(cm.Module.Functions.Count);
        for (int i = 0; i < cm.Module.Functions.Count; i++)
        {
            FunctionCompiler.Compile(cm, i, target);
        }

        byte[] image = target.Save();
        return (image, target.FirstFunctionToken);
    }

    /// <summary>
    /// Loads <paramref name="image"/>'s code for <paramref name="module"/> (decoded and validated from the image's Wasm
    /// bytes, its checks recorded) and makes it the module's compiled code.
    /// </summary>
    /// <exception cref="WasmDecodeException">The assembly is not a valid image of compiled code for this module.</exception>
    public static CompiledModule Load(WasmModule module, PersistedImage image)
    {
        Type code;
        try
        {
            code = LoadAssembly(image.Assembly.Span).GetType(PersistedTarget.CodeTypeName, throwOnError: true)!;
        }
        catch (Exception e) when (e is BadImageFormatException or TypeLoadException or FileLoadException)
        {
            throw new WasmDecodeException("invalid compiled code in .kiln file: " + e.Message, 0, "kiln");
        }

        var methods = code.Module;
        int first = image.FirstFunctionToken;
        int count = module.Functions.Count;
        if (count > 0 && (!IsFunction(methods, code, first) || !IsFunction(methods, code, first + count - 1)))
        {
            throw new WasmDecodeException("the compiled code does not match the module", 0, "kiln");
        }

        var compiled = CompiledModule.ForPersisted(module, definedIndex => (MethodInfo)methods.ResolveMethod(first + definedIndex)!);
        TypeIds.AddOrUpdate(code, compiled.TypeIds);
        RuntimeHelpers.RunClassConstructor(code.TypeHandle);
        return compiled;
    }

    /// <summary>
    /// Loads the assembly from a file: the runtime maps a file and reads only the pages it uses, where loading from
    /// memory copies and lays out the whole image first (yosys' 99 MB: 0.15 s of CPU against 1.6 s). The file sits in
    /// a new private directory (mode 0700 on Unix), so no other user can swap it before it is loaded, and is deleted
    /// once loaded (on Unix the mapping outlives the name; where the system keeps a loaded file, it stays behind).
    /// </summary>
    private static Assembly LoadAssembly(ReadOnlySpan<byte> image)
    {
        var directory = Directory.CreateTempSubdirectory("kiln-");
        string path = Path.Combine(directory.FullName, "code.dll");
        try
        {
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                file.Write(image);
            }

            return new PersistedLoadContext().LoadFromAssemblyPath(path);
        }
        finally
        {
            try
            {
                directory.Delete(recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Still mapped on a system that keeps mapped files: nothing else holds it, the temp folder's cleaner removes it.
            }
        }
    }

    /// <summary>Called by a loaded code class's type initializer: the canonical ids of its module's types in this process.</summary>
    public static int[] TypeIdsFor(Type code) =>
        TypeIds.TryGetValue(code, out var ids) ? ids : throw new InvalidOperationException("compiled Kiln code must be loaded by Module.Deserialize");

    private static bool IsFunction(System.Reflection.Module methods, Type code, int token)
    {
        try
        {
            return methods.ResolveMethod(token) is MethodInfo { IsStatic: true } m && m.DeclaringType == code
                && m.Name.StartsWith(TrapException.FramePrefix, StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
