using Kiln.Binary;
using Kiln.Compiler;
using Kiln.Text;
using Kiln.Validation;

namespace Kiln.Inspection;

/// <summary>
/// What a module holds, for <c>kiln inspect</c> and other tools: its sections, imports, exports, memories, tables,
/// globals, functions with their code sizes, segments, and the toolchain's custom sections (<c>name</c>,
/// <c>producers</c>, <c>target_features</c>). Reading a module decodes it and then validates it; a validation error is
/// reported in <see cref="ValidationError"/> rather than thrown, so that an invalid module can still be looked at.
/// </summary>
public sealed partial class ModuleSummary
{
    private static readonly string[] WasiModules = ["wasi_snapshot_preview1", "wasi_unstable"];

    private readonly WasmModule _module;
    private readonly IReadOnlyList<SectionInfo> _sections;
    private readonly PersistedImage? _compiled;

    private ModuleSummary(string name, int fileSize, string format, WasmModule module, byte[] binary, PersistedImage? compiled)
    {
        Name = name;
        FileSize = fileSize;
        Format = format;
        _module = module;
        _compiled = compiled;
        _sections = ReadSections(binary, module);
        try
        {
            ModuleValidator.Validate(module);
        }
        catch (WasmException e)
        {
            ValidationError = e.Message;
        }
    }

    /// <summary>The module's name: its file name, or the name given to <see cref="FromBytes"/>.</summary>
    public string Name { get; }

    /// <summary>The size of the file or bytes read, in bytes.</summary>
    public int FileSize { get; }

    /// <summary>How the module was given: <c>binary</c>, <c>text</c>, or <c>compiled</c> (a <c>.kiln</c> file).</summary>
    public string Format { get; }

    /// <summary>Why the module is not valid, in the spec's words; null when it is valid.</summary>
    public string? ValidationError { get; }

    /// <summary>Reads the <c>.wasm</c>, <c>.wat</c> or <c>.kiln</c> file at <paramref name="path"/>.</summary>
    /// <exception cref="WasmException">The file is not a well-formed module (or <c>.kiln</c> file of this Kiln build).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ModuleSummary FromFile(string path) => FromBytes(File.ReadAllBytes(path), Path.GetFileName(path));

    /// <summary>Reads a module in the binary or text format, or a <c>.kiln</c> image; which one is told by its first bytes.</summary>
    /// <exception cref="WasmException">The bytes are not a well-formed module (or <c>.kiln</c> image of this Kiln build).</exception>
    public static ModuleSummary FromBytes(ReadOnlySpan<byte> bytes, string name = "module")
    {
        byte[] file = bytes.ToArray();
        if (PersistedImage.IsImage(file))
        {
            var image = PersistedImage.Read(file);
            byte[] wasm = image.Wasm.ToArray();
            return new ModuleSummary(name, file.Length, "compiled", ModuleReader.Decode(wasm), wasm, image);
        }

        if (file.AsSpan().StartsWith("\0asm"u8))
        {
            return new ModuleSummary(name, file.Length, "binary", ModuleReader.Decode(file), file, null);
        }

        // Text is encoded, so that it has sections and code sizes like a binary module.
        byte[] binary = ModuleWriter.Write(WatParser.ParseModule(file));
        return new ModuleSummary(name, file.Length, "text", ModuleReader.Decode(binary), binary, null);
    }

    private static List<SectionInfo> ReadSections(byte[] binary, WasmModule m)
    {
        var sections = new List<SectionInfo>();
        var r = new WasmReader(binary);
        r.ReadBytes(8);
        while (!r.AtEnd)
        {
            byte id = r.ReadByte();
            int size = (int)r.ReadLength();
            int offset = r.Offset;
            var content = r.ReadBytes(size);
            string? customName = id == 0 ? new WasmReader(content).ReadName() : null;
            (string name, int? count) = id switch
            {
                0 => ("custom", (int?)null),
                1 => ("type", m.Types.Count),
                2 => ("import", m.Imports.Count),
                3 => ("function", m.Functions.Count),
                4 => ("table", m.Tables.Count),
                5 => ("memory", m.Memories.Count),
                6 => ("global", m.Globals.Count),
                7 => ("export", m.Exports.Count),
                8 => ("start", null),
                9 => ("element", m.Elements.Count),
                10 => ("code", m.Code.Count),
                11 => ("data", m.Data.Count),
                12 => ("data count", null),
                _ => ("tag", m.Tags.Count),
            };
            sections.Add(new SectionInfo(id, name, customName, offset, size, count));
        }

        return sections;
    }

    private int ImportedFunctions => _module.ImportedFunctionCount;

    /// <summary>The content of the first custom section named <paramref name="name"/>, without its name.</summary>
    private ReadOnlySpan<byte> CustomSection(string name)
    {
        foreach (var section in _module.CustomSections)
        {
            if (section.Name == name)
            {
                return section.Content.Span;
            }
        }

        return default;
    }

    private bool HasCustomSection(string name) => _module.CustomSections.Any(s => s.Name == name);

    /// <summary>The signature of type <paramref name="typeIndex"/>, or a placeholder in an invalid module.</summary>
    private string Signature(int typeIndex) =>
        (uint)typeIndex < (uint)_module.Types.Count && _module.Types[typeIndex].Composite is FuncType f ? f.ToString() : $"type {typeIndex}";

    /// <summary>The type index of <paramref name="function"/>, or -1 where an invalid module names no such function.</summary>
    private int FunctionTypeIndex(int function) =>
        Exists(ExternKind.Function, function) ? _module.FunctionTypeIndex(function) : -1;

    private bool Exists(ExternKind kind, int index) => (uint)index < (uint)_module.IndexSpaceSize(kind);

    /// <summary>A function as a reader knows it: <c>$name</c> from the name section, else its index and any export name.</summary>
    private string FunctionLabel(int function)
    {
        if (_module.Names?.FunctionNames.TryGetValue(function, out var name) == true)
        {
            return "$" + name;
        }

        foreach (var export in _module.Exports)
        {
            if (export.Kind == ExternKind.Function && export.Index == function)
            {
                return $"func[{function}] (export \"{export.Name}\")";
            }
        }

        return $"func[{function}]";
    }

    private IEnumerable<(int Index, bool Imported, MemoryType Type)> Memories() => IndexSpace(ExternKind.Memory, _module.MemoryTypeAt);

    private IEnumerable<(int Index, bool Imported, TableType Type)> Tables() => IndexSpace(ExternKind.Table, _module.TableTypeAt);

    private IEnumerable<(int Index, bool Imported, GlobalType Type)> Globals() => IndexSpace(ExternKind.Global, _module.GlobalTypeAt);

    /// <summary>Every item of <paramref name="kind"/>, imports first, with its type.</summary>
    private IEnumerable<(int Index, bool Imported, T Type)> IndexSpace<T>(ExternKind kind, Func<int, T> typeAt)
    {
        int imported = _module.ImportCount(kind);
        return Enumerable.Range(0, _module.IndexSpaceSize(kind)).Select(i => (i, i < imported, typeAt(i)));
    }

    /// <summary>The defined functions with the bytes of their code (instructions, without the locals) and their locals.</summary>
    private IEnumerable<(int Index, int CodeBytes, long Locals)> DefinedFunctions() =>
        _module.Code.Select((body, i) => (ImportedFunctions + i, body.Body.Code.Length, body.LocalCount));

    /// <summary>How a WASI host would run the module: a command (<c>_start</c>), a reactor (<c>_initialize</c>), or neither.</summary>
    private (int WasiImports, string? Role) Wasi()
    {
        int imports = _module.Imports.Count(i => WasiModules.Contains(i.Module));
        bool start = _module.Exports.Any(e => e.Kind == ExternKind.Function && e.Name == "_start");
        bool initialize = _module.Exports.Any(e => e.Kind == ExternKind.Function && e.Name == "_initialize");
        return (imports, start ? "command" : initialize ? "reactor" : null);
    }

    private static string KindName(ExternKind kind) => kind switch
    {
        ExternKind.Function => "func",
        ExternKind.Table => "table",
        ExternKind.Memory => "memory",
        ExternKind.Global => "global",
        _ => "tag",
    };

    private string ImportType(Import import) => import.Kind switch
    {
        ExternKind.Function or ExternKind.Tag => Signature(import.TypeIndex),
        ExternKind.Table => TableText(import.Table),
        ExternKind.Memory => MemoryText(import.Memory),
        _ => GlobalText(import.Global),
    };

    /// <summary>An export's type; a function an invalid module does not have shows as <c>type -1</c>, any other missing item as nothing.</summary>
    private string ExportType(Export export) => export.Kind switch
    {
        ExternKind.Function => Signature(FunctionTypeIndex(export.Index)),
        _ when !Exists(export.Kind, export.Index) => "",
        ExternKind.Table => TableText(_module.TableTypeAt(export.Index)),
        ExternKind.Memory => MemoryText(_module.MemoryTypeAt(export.Index)),
        ExternKind.Global => GlobalText(_module.GlobalTypeAt(export.Index)),
        _ => Signature(_module.TagTypeIndex(export.Index)),
    };

    private static string MemoryText(MemoryType m)
    {
        ulong page = 1UL << m.PageSizeLog2;
        string text = $"{Count(m.Limits.Min, "page")} ({Size(m.Limits.Min * page)}), "
            + (m.Limits.Max is ulong max ? $"maximum {N(max)} ({Size(max * page)})" : "no maximum");
        return text + (m.Is64 ? ", 64-bit" : "") + (m.Shared ? ", shared" : "") + (m.PageSizeLog2 != 16 ? $", {page}-byte pages" : "");
    }

    private static string TableText(TableType t) =>
        $"{TypeText(t.ElementType)}, {Count(t.Limits.Min, "element")}, " + (t.Limits.Max is ulong max ? $"maximum {N(max)}" : "no maximum") + (t.Is64 ? ", 64-bit" : "");

    private static string GlobalText(GlobalType g) => g.Mutable ? $"mut {TypeText(g.Type)}" : TypeText(g.Type);

    /// <summary>A value type, with the text format's short names for the common reference types.</summary>
    private static string TypeText(ValType t) => t.IsRef && t.Nullable && t.Heap == HeapType.Func ? "funcref"
        : t.IsRef && t.Nullable && t.Heap == HeapType.Extern ? "externref"
        : t.ToString();

    /// <summary>A byte count in the largest binary unit that divides it (64 KiB, 16 MiB), or in bytes.</summary>
    private static string Size(ulong bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        int unit = 0;
        while (unit < units.Length - 1 && bytes >= 1024 && bytes % 1024 == 0)
        {
            bytes /= 1024;
            unit++;
        }

        return $"{bytes} {units[unit]}";
    }
}
