namespace Kiln.Wasi;

/// <summary>
/// Binds <c>wasi_snapshot_preview1</c> to the Kiln engine: every function of <see cref="WasiPreview1"/> becomes a host
/// function of a <see cref="Linker"/>, reading and writing the calling instance's exported <c>memory</c>.
/// </summary>
public static class KilnWasi
{
    /// <summary>The import module name WASI preview 1 functions live under.</summary>
    public const string ModuleName = "wasi_snapshot_preview1";

    /// <summary>
    /// Defines all of WASI preview 1 on <paramref name="linker"/> for one guest described by <paramref name="options"/>
    /// (its preopens are opened now). Use the returned context to run the command and to flush and close it afterwards.
    /// For a linker shared by many guests, see <see cref="DefineWasi(Linker, Func{Caller, WasiPreview1})"/>.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">A preopened directory does not exist.</exception>
    public static KilnWasiContext DefineWasi(this Linker linker, WasiOptions options)
    {
        ArgumentNullException.ThrowIfNull(linker);
        var wasi = new WasiPreview1(options);
        try
        {
            linker.DefineWasi(_ => wasi);
        }
        catch
        {
            wasi.Dispose();
            throw;
        }

        return new KilnWasiContext(wasi);
    }

    /// <summary>
    /// Defines all of WASI preview 1 on <paramref name="linker"/> for many guests: each call asks
    /// <paramref name="host"/> for the calling guest's <see cref="WasiPreview1"/>, typically kept in the store's data
    /// (<c>caller =&gt; ((MyState)caller.Data!).Wasi</c>). One linker then serves every store.
    /// </summary>
    public static Linker DefineWasi(this Linker linker, Func<Caller, WasiPreview1> host)
    {
        ArgumentNullException.ThrowIfNull(linker);
        ArgumentNullException.ThrowIfNull(host);
        var functions = WasiPreview1.Functions;
        for (int i = 0; i < functions.Count; i++)
        {
            Define(linker, host, i, functions[i]);
        }

        return linker;
    }

    // One typed host function per WASI signature; the integers go to WasiPreview1.Invoke as raw i32/i64 bits.
    private static void Define(Linker linker, Func<Caller, WasiPreview1> host, int index, WasiFunction f)
    {
        switch (f.Parameters, f.HasResult)
        {
            case ("", true):
                linker.DefineFunction(ModuleName, f.Name, (Caller c) => host(c).Invoke(index, View(c), []));
                break;
            case ("i", false):
                linker.DefineFunction(ModuleName, f.Name, (Caller c, int a0) => { host(c).Invoke(index, View(c), [a0]); });
                break;
            case ("i", true):
                linker.DefineFunction(ModuleName, f.Name, (Caller c, int a0) => host(c).Invoke(index, View(c), [a0]));
                break;
            case ("iI", true):
                linker.DefineFunction(ModuleName, f.Name, (Caller c, int a0, long a1) => host(c).Invoke(index, View(c), [a0, a1]));
                break;
            case ("ii", true):
                linker.DefineFunction(ModuleName, f.Name, (Caller c, int a0, int a1) => host(c).Invoke(index, View(c), [a0, a1]));
                break;
            case ("iII", true):
                linker.DefineFunction(ModuleName, f.Name, (Caller c, int a0, long a1, long a2) => host(c).Invoke(index, View(c), [a0, a1, a2]));
                break;
            case ("iIi", true):
                linker.DefineFunction(ModuleName, f.Name, (Caller c, int a0, long a1, int a2) => host(c).Invoke(index, View(c), [a0, a1, a2]));
                break;
            case ("iii", true):
                linker.DefineFunction(ModuleName, f.Name, (Caller c, int a0, int a1, int a2) => host(c).Invoke(index, View(c), [a0, a1, a2]));
                break;
            case ("iIIi", true):
                linker.DefineFunction(ModuleName, f.Name, (Caller c, int a0, long a1, long a2, int a3) => host(c).Invoke(index, View(c), [a0, a1, a2, a3]));
                break;
            case ("iIii", true):
                linker.DefineFunction(ModuleName, f.Name, (Caller c, int a0, long a1, int a2, int a3) => host(c).Invoke(index, View(c), [a0, a1, a2, a3]));
                break;
            case ("iiii", true):
                linker.DefineFunction(ModuleName, f.Name, (Caller c, int a0, int a1, int a2, int a3) => host(c).Invoke(index, View(c), [a0, a1, a2, a3]));
                break;
            case ("iiiIi", true):
                linker.DefineFunction(ModuleName, f.Name, (Caller c, int a0, int a1, int a2, long a3, int a4) => host(c).Invoke(index, View(c), [a0, a1, a2, a3, a4]));
                break;
            case ("iiiii", true):
                linker.DefineFunction(ModuleName, f.Name, (Caller c, int a0, int a1, int a2, int a3, int a4) => host(c).Invoke(index, View(c), [a0, a1, a2, a3, a4]));
                break;
            case ("iiiiii", true):
                linker.DefineFunction(ModuleName, f.Name, (Caller c, int a0, int a1, int a2, int a3, int a4, int a5) => host(c).Invoke(index, View(c), [a0, a1, a2, a3, a4, a5]));
                break;
            case ("iiiiIIi", true):
                linker.DefineFunction(ModuleName, f.Name, (Caller c, int a0, int a1, int a2, int a3, long a4, long a5, int a6) => host(c).Invoke(index, View(c), [a0, a1, a2, a3, a4, a5, a6]));
                break;
            case ("iiiiiii", true):
                linker.DefineFunction(ModuleName, f.Name, (Caller c, int a0, int a1, int a2, int a3, int a4, int a5, int a6) => host(c).Invoke(index, View(c), [a0, a1, a2, a3, a4, a5, a6]));
                break;
            case ("iiiiiIIii", true):
                linker.DefineFunction(ModuleName, f.Name, (Caller c, int a0, int a1, int a2, int a3, int a4, long a5, long a6, int a7, int a8) => host(c).Invoke(index, View(c), [a0, a1, a2, a3, a4, a5, a6, a7, a8]));
                break;
            default:
                throw new NotSupportedException($"no binding for the signature of {f.Name}");
        }
    }

    // A fresh view per call: the memory may have grown since the last one. A module without an exported memory
    // gets an empty view, so any pointer it passes traps.
    private static unsafe GuestMemory View(Caller caller)
    {
        var memory = caller.GetMemory("memory");
        return memory is null ? new GuestMemory([]) : new GuestMemory((byte*)memory.Pointer, (ulong)memory.Length);
    }
}
