using System.Buffers.Binary;
using System.Text;

namespace Kiln.Wasi.Tests.Host;

/// <summary>A WASI host over a temp preopen (fd 3) and a 64 KiB fake guest memory, for calling host functions directly.</summary>
internal sealed class HostFixture : IDisposable
{
    internal const int Sandbox = 3;

    internal HostFixture(Action<WasiOptions>? configure = null)
    {
        Root = Directory.CreateTempSubdirectory("kiln-wasi-unit-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, "sandbox"));
        Directory.CreateDirectory(Path.Combine(Root, "outside"));
        File.WriteAllText(Path.Combine(Root, "outside", "canary.txt"), "canary");
        Options.Args.Add("prog");
        Options.Args.Add("arg1");
        Options.Environment.Add(new("K", "v"));
        Options.Preopens.Add(new WasiPreopen(SandboxPath, "/sandbox"));
        Options.Stdout = Stdout;
        Options.Stderr = new MemoryStream();
        Options.Stdin = new MemoryStream(Encoding.UTF8.GetBytes("input"));
        configure?.Invoke(Options);
        Wasi = new WasiPreview1(Options);
    }

    internal string Root { get; }

    internal string SandboxPath => Path.Combine(Root, "sandbox");

    internal WasiOptions Options { get; } = new();

    internal MemoryStream Stdout { get; } = new();

    internal WasiPreview1 Wasi { get; }

    internal byte[] Memory { get; } = new byte[65536];

    internal GuestMemory Guest => new(Memory);

    /// <summary>Puts a string at <paramref name="at"/> and returns its length.</summary>
    internal int Put(int at, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        bytes.CopyTo(Memory, at);
        return bytes.Length;
    }

    internal uint U32(int at) => BinaryPrimitives.ReadUInt32LittleEndian(Memory.AsSpan(at));

    internal ulong U64(int at) => BinaryPrimitives.ReadUInt64LittleEndian(Memory.AsSpan(at));

    internal ushort U16(int at) => BinaryPrimitives.ReadUInt16LittleEndian(Memory.AsSpan(at));

    internal void SetU32(int at, uint v) => BinaryPrimitives.WriteUInt32LittleEndian(Memory.AsSpan(at), v);

    internal void SetU64(int at, ulong v) => BinaryPrimitives.WriteUInt64LittleEndian(Memory.AsSpan(at), v);

    internal Errno Open(string path, int oflags, out int fd, long rights = (long)(Rights.FdRead | Rights.FdWrite), int dirFd = Sandbox)
    {
        int len = Put(1000, path);
        var e = Wasi.PathOpen(Guest, dirFd, 1, 1000, len, oflags, rights, rights, 0, 2000);
        fd = (int)U32(2000);
        return e;
    }

    public void Dispose()
    {
        Wasi.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
