using System.Buffers.Binary;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Kiln.Compiler;

/// <summary>
/// The <c>.kiln</c> file: a compiled module as <c>kiln compile</c> and <c>Module.Serialize</c> write it. Layout
/// (integers little-endian): <c>KILN</c>, format version (u16), flags (u16: 1 = fuel metering, 2 = epoch interruption),
/// the build id of the Kiln assembly that wrote it (16 bytes, its module version id), its version (u8 length + UTF-8),
/// the start function (i32, -1 for none), the first function's metadata token (i32), the Wasm module (u32 length +
/// bytes), the .NET assembly (u32 length + bytes), then a SHA-256 of everything before it.
/// </summary>
/// <param name="ConsumeFuel">Whether the code meters fuel (<see cref="EngineConfig.ConsumeFuel"/>).</param>
/// <param name="EpochInterruption">Whether the code checks the epoch (<see cref="EngineConfig.EpochInterruption"/>).</param>
/// <param name="Start">The start function, kept apart because the compiled module's model no longer holds it.</param>
/// <param name="FirstFunctionToken">Metadata token of defined function 0's method; the others follow in order.</param>
/// <param name="Wasm">The module in the binary format.</param>
/// <param name="Assembly">The compiled code (see <see cref="PersistedTarget"/>).</param>
internal sealed record PersistedImage(bool ConsumeFuel, bool EpochInterruption, int? Start, int FirstFunctionToken, ReadOnlyMemory<byte> Wasm, ReadOnlyMemory<byte> Assembly)
{
    /// <summary>The version of the layout this build reads and writes.</summary>
    public const ushort FormatVersion = 1;

    private const string Section = "kiln";
    private const ushort FuelFlag = 1;
    private const ushort EpochFlag = 2;
    private const int HashLength = SHA256.HashSizeInBytes;

    /// <summary>The first bytes of every <c>.kiln</c> file.</summary>
    public static ReadOnlySpan<byte> Magic => "KILN"u8;

    /// <summary>Identifies the Kiln build: compiled code refers to its internals, so only the same build may load it.</summary>
    public static Guid BuildId => typeof(PersistedImage).Module.ModuleVersionId;

    /// <summary>The informational version of this Kiln build, for messages.</summary>
    public static string KilnVersion =>
        typeof(PersistedImage).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(PersistedImage).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>True when <paramref name="bytes"/> start like a <c>.kiln</c> file.</summary>
    public static bool IsImage(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Magic);

    /// <summary>Encodes the file.</summary>
    public byte[] Write()
    {
        byte[] version = Encoding.UTF8.GetBytes(KilnVersion);
        if (version.Length > byte.MaxValue)
        {
            version = version[..byte.MaxValue];
        }

        var output = new MemoryStream();
        var w = new BinaryWriter(output);
        w.Write(Magic);
        w.Write(FormatVersion);
        w.Write((ushort)((ConsumeFuel ? FuelFlag : 0) | (EpochInterruption ? EpochFlag : 0)));
        w.Write(BuildId.ToByteArray());
        w.Write((byte)version.Length);
        w.Write(version);
        w.Write(Start ?? -1);
        w.Write(FirstFunctionToken);
        w.Write(Wasm.Length);
        w.Write(Wasm.Span);
        w.Write(Assembly.Length);
        w.Write(Assembly.Span);
        w.Flush();
        w.Write(SHA256.HashData(output.GetBuffer().AsSpan(0, (int)output.Length)));
        return output.ToArray();
    }

    /// <summary>Decodes a <c>.kiln</c> file written by this Kiln build; the Wasm and the assembly stay slices of <paramref name="file"/>.</summary>
    /// <exception cref="WasmDecodeException">
    /// The bytes are not a <c>.kiln</c> file, are truncated or corrupted, or were written by another format version or
    /// Kiln build.
    /// </exception>
    public static PersistedImage Read(ReadOnlyMemory<byte> file)
    {
        var bytes = file.Span;
        if (!IsImage(bytes))
        {
            throw new WasmDecodeException("not a compiled Kiln module (no KILN magic)", 0, Section);
        }

        var r = new Reader(bytes);
        r.Skip(Magic.Length);
        ushort format = r.U16();
        if (format != FormatVersion)
        {
            throw new WasmDecodeException($"unsupported .kiln format version {format} (this Kiln reads version {FormatVersion}); compile the module again", 4, Section);
        }

        if (bytes.Length < r.Position + HashLength
            || !SHA256.HashData(bytes[..^HashLength]).AsSpan().SequenceEqual(bytes[^HashLength..]))
        {
            throw new WasmDecodeException("corrupted or truncated .kiln file (checksum mismatch)", bytes.Length, Section);
        }

        var body = new Reader(bytes[..^HashLength]) { Position = r.Position };
        ushort flags = body.U16();
        var build = new Guid(body.Bytes(16));
        string version = Encoding.UTF8.GetString(body.Bytes(body.U8()));
        if (build != BuildId)
        {
            throw new WasmDecodeException($"compiled by another Kiln build ({version}, build {build}; this is {KilnVersion}, build {BuildId}); compile the module again", 8, Section);
        }

        int start = body.I32();
        int firstToken = body.I32();
        int wasmLength = body.Length();
        var wasm = file.Slice(body.Position, wasmLength);
        body.Skip(wasmLength);
        int assemblyLength = body.Length();
        var assembly = file.Slice(body.Position, assemblyLength);
        body.Skip(assemblyLength);
        if (body.Position != body.End)
        {
            throw new WasmDecodeException("unexpected bytes after the compiled code", body.Position, Section);
        }

        return new PersistedImage((flags & FuelFlag) != 0, (flags & EpochFlag) != 0, start < 0 ? null : start, firstToken, wasm, assembly);
    }

    /// <summary>Reads the fields in order; running past the end is a decode error.</summary>
    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public int Position { get; set; }

        public readonly int End => _bytes.Length;

        public void Skip(int n) => Bytes(n);

        public byte U8() => Bytes(1)[0];

        public ushort U16() => BinaryPrimitives.ReadUInt16LittleEndian(Bytes(2));

        public int I32() => BinaryPrimitives.ReadInt32LittleEndian(Bytes(4));

        public int Length()
        {
            int n = I32();
            return n >= 0 ? n : throw new WasmDecodeException("invalid length", Position - 4, Section);
        }

        public ReadOnlySpan<byte> Bytes(int n)
        {
            if (n > _bytes.Length - Position)
            {
                throw new WasmDecodeException("unexpected end of .kiln file", _bytes.Length, Section);
            }

            var span = _bytes.Slice(Position, n);
            Position += n;
            return span;
        }
    }
}
