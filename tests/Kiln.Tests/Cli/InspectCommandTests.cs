using System.Text.Json;
using Kiln.Cli;
using Kiln.Tests.Spec;

namespace Kiln.Tests.Cli;

/// <summary><c>kiln inspect</c>: what a module holds, for people (text) and scripts (<c>--json</c>).</summary>
public sealed class InspectCommandTests : IDisposable
{
    private static readonly string Hello = Path.Combine(SpecSuite.RepositoryRoot, "examples", "hello", "hello.wasm");

    private const string Demo = """
        (module $demo
          (import "env" "log" (func $log (param i32)))
          (memory (export "memory") 1 2)
          (table 3 externref)
          (global $counter (export "counter") (mut i64) (i64.const 0))
          (func $small (export "small") (result i32) (i32.const 7))
          (func $big (local i64 i64 f32)
            (call $log (i32.add (i32.const 1) (i32.mul (i32.const 2) (i32.const 3)))))
          (data (i32.const 0) "hello")
          (data "passive")
          (start $big))
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("kiln-inspect-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Output, string Error) Kiln(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = KilnCli.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Inspect_describes_a_wasi_command_built_by_clang()
    {
        var (exit, output, error) = Kiln("inspect", Hello);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        string[] lines = output.Split('\n');
        Assert.Equal($"hello.wasm: WebAssembly module (binary), {new FileInfo(Hello).Length:N0} bytes; valid", lines[0]);
        Assert.Contains("WASI command: exports _start (what kiln run calls); 13 WASI imports", lines);
        Assert.Contains(lines, l => l.EndsWith("  code (85)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("  custom \"producers\"", StringComparison.Ordinal));
        Assert.Contains("  func    wasi_snapshot_preview1.fd_write: [i32 i32 i32 i32] -> [i32]", lines);
        Assert.Contains("  memory 0: 2 pages (128 KiB), no maximum", lines);
        Assert.Contains("  table 0: funcref, 5 elements, maximum 5", lines);
        Assert.Contains(lines, l => l.StartsWith("functions: 13 imported, 85 defined, ", StringComparison.Ordinal));
        Assert.Contains("  largest 10:", lines);
        Assert.Contains(lines, l => l.Contains("$printf_core [i32 i32 i32 i32 i32] -> [i32]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("producers: language C", StringComparison.Ordinal) && l.Contains("processed-by", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("target features: ", StringComparison.Ordinal) && l.Contains("+sign-ext", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_sections_tile_the_file_and_match_the_text()
    {
        var (exit, output, _) = Kiln("inspect", "--json", Hello);

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("binary", root.GetProperty("format").GetString());
        Assert.True(root.GetProperty("valid").GetBoolean());
        Assert.Equal("command", root.GetProperty("wasiRole").GetString());

        // Each section's content ends where the next section's id byte and size (LEB128) begin, the last at the end of the file.
        byte[] bytes = File.ReadAllBytes(Hello);
        int end = 8;
        foreach (var section in root.GetProperty("sections").EnumerateArray())
        {
            int offset = section.GetProperty("offset").GetInt32();
            Assert.Equal(section.GetProperty("id").GetInt32(), bytes[end]);
            Assert.InRange(offset - end, 2, 6);
            end = offset + section.GetProperty("size").GetInt32();
        }

        Assert.Equal(bytes.Length, end);
        var functions = root.GetProperty("functions").EnumerateArray().ToList();
        Assert.Equal(85, functions.Count);
        Assert.Equal(13, root.GetProperty("importedFunctions").GetInt32());
        Assert.Contains(functions, f => f.GetProperty("name").GetString() == "printf_core" && f.GetProperty("codeBytes").GetInt32() > 1000);
        Assert.Contains(root.GetProperty("targetFeatures").EnumerateArray(), f => f.GetString() == "+sign-ext");
        Assert.True(root.GetProperty("producers").GetProperty("processed-by").GetArrayLength() > 0);
    }

    [Fact]
    public void Inspect_reads_text_with_names_limits_segments_and_the_start_function()
    {
        var (exit, output, _) = Kiln("inspect", "--functions", "1", Write("demo.wat", Demo));

        Assert.Equal(0, exit);
        string[] lines = output.Split('\n');
        Assert.StartsWith("demo.wat: WebAssembly module (text), ", lines[0]);
        Assert.Contains("module name: demo", lines);
        Assert.Contains("  func    env.log: [i32] -> []", lines);
        Assert.Contains("  memory  memory: 1 page (64 KiB), maximum 2 (128 KiB)", lines);
        Assert.Contains("  global  counter: mut i64", lines);
        Assert.Contains("  func    small: [] -> [i32]  [$small]", lines);
        Assert.Contains("  table 0: externref, 3 elements, no maximum", lines);
        Assert.Contains("globals: 1 (0 imported, 1 mutable)", lines);
        Assert.Contains("  largest 1:", lines);
        Assert.Contains(lines, l => l.EndsWith("        3  $big [] -> []", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("$small [", StringComparison.Ordinal));
        Assert.Contains("start function: $big", lines);
        Assert.Contains("data: 2 segments (1 active, 1 passive), 12 bytes", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("WASI", StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_module_is_described_with_the_reason_and_exits_1()
    {
        string path = Write("bad.wat", """(module (func $f (export "f") (result i32) (i64.const 1)))""");

        var (exit, output, error) = Kiln("inspect", path);

        Assert.Equal(1, exit);
        Assert.Empty(error);
        Assert.StartsWith("bad.wat: WebAssembly module (text), ", output);
        Assert.Contains("; INVALID: type mismatch", output);
        Assert.Contains("  func    f: [] -> [i32]  [$f]", output);
        var (jsonExit, json, _) = Kiln("inspect", "--json", path);
        Assert.Equal(1, jsonExit);
        using var doc = JsonDocument.Parse(json);
        Assert.False(doc.RootElement.GetProperty("valid").GetBoolean());
        Assert.Contains("type mismatch", doc.RootElement.GetProperty("validationError").GetString());
    }

    [Fact]
    public void Malformed_module_gets_one_line_naming_the_section_and_offset()
    {
        string path = Path.Combine(_dir, "cut.wasm");
        File.WriteAllBytes(path, File.ReadAllBytes(Hello)[..200]);

        var (exit, output, error) = Kiln("inspect", path);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Equal($"Error: failed to read {path}: length out of bounds (at byte 0x84 in import section)", error.TrimEnd());
    }

    [Fact]
    public void Component_is_named_as_such_and_missing_files_are_reported()
    {
        string component = Path.Combine(_dir, "app.wasm");
        File.WriteAllBytes(component, [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]);

        var (exit, _, error) = Kiln("inspect", component);
        Assert.Equal(1, exit);
        Assert.Equal($"Error: failed to read {component}: unknown binary version: a WebAssembly component, and Kiln does not support the component model yet (at byte 0x4)", error.TrimEnd());

        var (missingExit, _, missing) = Kiln("inspect", Path.Combine(_dir, "nope.wasm"));
        Assert.Equal(1, missingExit);
        Assert.StartsWith("Error: ", missing);
        Assert.Contains("nope.wasm", missing);
    }

    [Fact]
    public void Compiled_module_shows_its_code_and_settings()
    {
        string compiled = Path.Combine(_dir, "demo.kiln");
        Assert.Equal(0, Kiln("compile", "--fuel", Write("demo.wat", Demo), "-o", compiled).Exit);

        var (exit, output, _) = Kiln("inspect", compiled);

        Assert.Equal(0, exit);
        Assert.Matches(@"^demo\.kiln: WebAssembly module \(compiled \.kiln: [\d,]+ bytes of \.NET code, with fuel metering, with epoch checks\), [\d,]+ bytes; valid", output);
        Assert.Contains("  func    small: [] -> [i32]  [$small]", output);
    }

    [Fact]
    public void Inspect_never_crashes_on_flipped_bytes()
    {
        byte[] original = File.ReadAllBytes(Hello);
        var random = new Random(17);
        string path = Path.Combine(_dir, "flipped.wasm");
        for (int i = 0; i < 60; i++)
        {
            byte[] bytes = (byte[])original.Clone();
            int at = 8 + random.Next(bytes.Length - 8);
            bytes[at] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(path, bytes);

            var (exit, output, error) = Kiln("inspect", "--json", path);

            Assert.True(exit is 0 or 1, $"flipped at {at}: exit {exit}");
            Assert.DoesNotContain("internal error", error);
            if (output.Length > 0)
            {
                using var _ = JsonDocument.Parse(output);
            }
            else
            {
                Assert.StartsWith("Error: failed to read ", error);
            }
        }
    }

    [Fact]
    public void Help_names_the_program_kiln_and_lists_inspect()
    {
        var (exit, output, _) = Kiln("--help");

        Assert.Equal(0, exit);
        Assert.Contains("  kiln [command] [options]", output.Split('\n'));
        Assert.Contains(output.Split('\n'), l => l.TrimStart().StartsWith("inspect <MODULE>", StringComparison.Ordinal));
    }
}
