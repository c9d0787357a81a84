using System.Globalization;
using Kiln.Binary;

namespace Kiln.Inspection;

public sealed partial class ModuleSummary
{
    /// <summary>
    /// Writes the summary for a reader: a headline (format, size, valid or why not), what a WASI host would make of the
    /// module, then the sections, imports, exports, memories, tables, globals, the <paramref name="largestFunctions"/>
    /// largest functions, segments and toolchain sections. Offsets are those of the section contents in the binary
    /// (for text, in its encoding; for a <c>.kiln</c> file, in the module it holds).
    /// </summary>
    public void WriteText(TextWriter output, int largestFunctions = 10)
    {
        ArgumentNullException.ThrowIfNull(output);
        var w = new Writer(output);
        string validity = ValidationError is null ? "valid" : "INVALID: " + ValidationError;
        w.Line($"{Name}: WebAssembly module ({FormatText()}), {N(FileSize)} bytes; {validity}");
        if (_module.Names?.ModuleName is { } moduleName)
        {
            w.Line($"module name: {moduleName}");
        }

        var (wasiImports, role) = Wasi();
        if (wasiImports > 0 || role is not null)
        {
            w.Line(role switch
            {
                "command" => $"WASI command: exports _start (what kiln run calls); {wasiImports} WASI imports",
                "reactor" => $"WASI reactor: exports _initialize; {wasiImports} WASI imports",
                _ => $"uses WASI ({wasiImports} imports) but exports neither _start nor _initialize",
            });
        }

        WriteSections(w);
        w.List("imports", _module.Imports, i => $"{KindName(i.Kind),-6}  {i.Module}.{i.Name}: {ImportType(i)}");
        w.List("exports", _module.Exports, e => $"{KindName(e.Kind),-6}  {e.Name}: {ExportType(e)}" + (e.Kind == ExternKind.Function ? $"  [{FunctionLabel(e.Index)}]" : ""));
        w.List("memories", [.. Memories()], m => $"memory {m.Index}{(m.Imported ? " (imported)" : "")}: {MemoryText(m.Type)}");
        w.List("tables", [.. Tables()], t => $"table {t.Index}{(t.Imported ? " (imported)" : "")}: {TableText(t.Type)}");
        var globals = Globals().ToList();
        if (globals.Count > 0)
        {
            w.Blank();
            w.Line($"globals: {globals.Count} ({globals.Count(g => g.Imported)} imported, {globals.Count(g => g.Type.Mutable)} mutable)");
        }

        WriteFunctions(w, largestFunctions);
        WriteSegments(w);
        WriteToolSections(w);
    }

    private string FormatText() => _compiled is { } c
        ? $"compiled .kiln: {N(c.Assembly.Length)} bytes of .NET code, {(c.ConsumeFuel ? "with" : "without")} fuel metering, {(c.EpochInterruption ? "with" : "without")} epoch checks"
        : Format;

    private void WriteSections(Writer w)
    {
        w.Blank();
        w.Line($"sections ({_sections.Count}):");
        w.Line("      offset        size  section");
        foreach (var s in _sections)
        {
            string what = s.CustomName is { } name ? $"custom \"{name}\"" : s.Count is int count ? $"{s.Name} ({N(count)})" : s.Name;
            w.Line($"  {N(s.Offset),10}  {N(s.Size),10}  {what}");
        }
    }

    private void WriteFunctions(Writer w, int largest)
    {
        var defined = DefinedFunctions().ToList();
        w.Blank();
        w.Line($"functions: {N(ImportedFunctions)} imported, {N(defined.Count)} defined, {N(defined.Sum(f => (long)f.CodeBytes))} bytes of code"
            + (HasCustomSection("name") ? "" : " (no name section: functions show as func[N])"));
        if (defined.Count == 0 || largest <= 0)
        {
            return;
        }

        var top = defined.OrderByDescending(f => f.CodeBytes).ThenBy(f => f.Index).Take(largest).ToList();
        w.Line(top.Count == defined.Count ? "  by size:" : $"  largest {top.Count}:");
        w.Line("       bytes   locals  function");
        foreach (var f in top)
        {
            w.Line($"  {N(f.CodeBytes),10}  {N(f.Locals),7}  {FunctionLabel(f.Index)} {Signature(FunctionTypeIndex(f.Index))}");
        }
    }

    private void WriteSegments(Writer w)
    {
        w.Blank();
        w.Line(_module.Start is int start ? $"start function: {FunctionLabel(start)}" : "start function: none");
        if (_module.Data.Count > 0)
        {
            w.Line($"data: {Count(_module.Data.Count, "segment")} ({Modes(_module.Data.Select(d => d.Mode))}), {Count(_module.Data.Sum(d => (long)d.Bytes.Length), "byte")}");
        }

        if (_module.Elements.Count > 0)
        {
            w.Line($"elements: {Count(_module.Elements.Count, "segment")} ({Modes(_module.Elements.Select(e => e.Mode))}), {Count(_module.Elements.Sum(e => (long)e.Count), "entry", "entries")}");
        }

        if (_module.Tags.Count > 0 || _module.ImportedTagCount > 0)
        {
            w.Line($"tags: {_module.ImportedTagCount} imported, {_module.Tags.Count} defined");
        }

        w.Line($"types: {N(_module.Types.Count)}");
    }

    private static string Modes(IEnumerable<SegmentMode> modes) =>
        string.Join(", ", modes.GroupBy(m => m).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));

    private void WriteToolSections(Writer w)
    {
        if (ToolSections.ReadProducers(CustomSection("producers")) is { Count: > 0 } producers)
        {
            w.Line("producers: " + string.Join("; ", producers.Select(p =>
                p.Field + " " + string.Join(", ", p.Values.Select(v => v.Version.Length == 0 ? v.Name : $"{v.Name} {v.Version}")))));
        }

        if (ToolSections.ReadTargetFeatures(CustomSection("target_features")) is { Count: > 0 } features)
        {
            w.Line("target features: " + string.Join(' ', features));
        }
    }

    private static string N(ulong value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A count and its noun: 1 segment, 2 segments.</summary>
    private static string Count(long n, string one, string? many = null) => $"{N(n)} {(n == 1 ? one : many ?? one + "s")}";

    private static string Count(ulong n, string one) => $"{N(n)} {(n == 1 ? one : one + "s")}";

    /// <summary>Lines and titled lists, with a blank line before each list.</summary>
    private readonly struct Writer(TextWriter output)
    {
        public void Line(string text) => output.WriteLine(text);

        public void Blank() => output.WriteLine();

        public void List<T>(string title, IReadOnlyList<T> items, Func<T, string> line)
        {
            if (items.Count == 0)
            {
                return;
            }

            Blank();
            Line($"{title} ({items.Count}):");
            foreach (var item in items)
            {
                Line("  " + line(item));
            }
        }
    }
}
