using System.Diagnostics;
using Kiln.Sqlite;
using Microsoft.Data.Sqlite;

// Per-row overhead of a trivial Wasm UDF against the same function in C# registered directly with
// Microsoft.Data.Sqlite. Each query scans the same in-memory table; the cost of the scan itself (the query without
// a function) is subtracted, so the figures are what calling the function adds per row.
// Run: dotnet run -c Release --project bench/sqlite [-- ROWS]
int rows = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
string dir = Directory.CreateTempSubdirectory("kiln-sqlite-bench-").FullName;
File.WriteAllText(Path.Combine(dir, "trivial.wat"), """
    (module
      (memory (export "memory") 1)
      (global $heap (mut i32) (i32.const 1024))
      (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
        (global.get $heap)
        (global.set $heap (i32.add (global.get $heap) (local.get 3))))
      (func (export "add1") (param i64) (result i64) (i64.add (local.get 0) (i64.const 1)))
      (func (export "add1_f") (param f64) (result f64) (f64.add (local.get 0) (f64.const 1)))
      (func (export "text_len") (param i32 i32) (result i64) (i64.extend_i32_u (local.get 1))))
    """);

using var connection = new SqliteConnection("Data Source=:memory:");
connection.Open();
var functions = connection.EnableWasmFunctions(new WasmFunctionOptions { ModuleDirectory = dir });
functions.Execute($"""
    CREATE TABLE t(i INTEGER, r REAL, s TEXT);
    WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < {rows})
    INSERT INTO t SELECT x, x * 0.5, printf('row %d of the table', x) FROM n;
    CREATE FUNCTION wasm_add1(integer) RETURNS integer AS 'trivial.wat' LANGUAGE wasm EXPORT 'add1';
    CREATE FUNCTION wasm_add1_f(real) RETURNS real AS 'trivial.wat' LANGUAGE wasm EXPORT 'add1_f';
    CREATE FUNCTION wasm_text_len(text) RETURNS integer AS 'trivial.wat' LANGUAGE wasm EXPORT 'text_len';
    """);
connection.CreateFunction("cs_add1", (long x) => x + 1, isDeterministic: false);
connection.CreateFunction("cs_add1_f", (double x) => x + 1, isDeterministic: false);
connection.CreateFunction("cs_text_len", (string s) => (long)System.Text.Encoding.UTF8.GetByteCount(s), isDeterministic: false);

double Time(string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteScalar();
    double best = double.MaxValue;
    for (int i = 0; i < 5; i++)
    {
        var watch = Stopwatch.StartNew();
        command.ExecuteScalar();
        best = Math.Min(best, watch.Elapsed.TotalNanoseconds / rows);
    }

    return best;
}

Console.WriteLine($"{rows:N0} rows, best of 5, ns per row (the scan without a function subtracted)");
Console.WriteLine();
Console.WriteLine("| function | scan only | C# UDF | Wasm UDF | C# overhead | Wasm overhead | Wasm / C# overhead |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var (label, plain, cs, wasm) in new[]
{
    ("integer x + 1", "sum(i + 1)", "sum(cs_add1(i))", "sum(wasm_add1(i))"),
    ("real x + 1", "sum(r + 1)", "sum(cs_add1_f(r))", "sum(wasm_add1_f(r))"),
    ("text byte length", "sum(length(s))", "sum(cs_text_len(s))", "sum(wasm_text_len(s))"),
})
{
    double scan = Time($"SELECT {plain} FROM t");
    double csharp = Time($"SELECT {cs} FROM t");
    double kiln = Time($"SELECT {wasm} FROM t");
    Console.WriteLine($"| {label} | {scan:F0} | {csharp:F0} | {kiln:F0} | {csharp - scan:F0} | {kiln - scan:F0} | {(kiln - scan) / (csharp - scan):F2}x |");
}

// The engine's share: the same export called through Kiln's untyped API in a loop, without SQLite.
var engine = new Kiln.Engine();
using var store = new Kiln.Store<object?>(engine, null);
var add1 = new Kiln.Linker(engine).Instantiate(store, Kiln.Module.FromFile(engine, Path.Combine(dir, "trivial.wat"))).GetFunction("add1")!;
var callArgs = new object?[] { 1L };
add1.Invoke(callArgs);
int calls = Math.Min(rows, 100_000);
var clock = Stopwatch.StartNew();
for (int i = 0; i < calls; i++)
{
    add1.Invoke(callArgs);
}

Console.WriteLine();
Console.WriteLine($"Kiln Function.Invoke of the same export alone, no SQLite: {clock.Elapsed.TotalNanoseconds / calls:F0} ns per call");
Directory.Delete(dir, recursive: true);
