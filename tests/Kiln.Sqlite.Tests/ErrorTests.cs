using Microsoft.Data.Sqlite;

namespace Kiln.Sqlite.Tests;

public sealed class ErrorTests
{
    [Fact]
    public void Create_fails_clearly_when_the_module_file_is_missing()
    {
        using var db = new TempDatabase();
        using var connection = db.Open();

        var e = Assert.Throws<SqliteException>(() => TempDatabase.Execute(connection, "CREATE FUNCTION f(text) RETURNS real AS 'nope/missing.wasm' LANGUAGE wasm"));

        Assert.Contains("CREATE FUNCTION f: cannot read module 'nope/missing.wasm'", e.Message);
        Assert.Contains("no such file", e.Message);
        Assert.Equal(1, e.SqliteErrorCode);
    }

    [Fact]
    public void Create_fails_clearly_when_the_file_is_not_a_module()
    {
        using var db = new TempDatabase();
        using var connection = db.Open();

        var e = Assert.Throws<SqliteException>(() => TempDatabase.Execute(connection, "CREATE FUNCTION f(text) RETURNS real AS 'products.sql' LANGUAGE wasm"));

        Assert.Contains("CREATE FUNCTION f: module 'products.sql' is not a valid WebAssembly module", e.Message);
    }

    [Fact]
    public void Create_fails_clearly_when_the_export_is_missing()
    {
        using var db = new TempDatabase();
        using var connection = db.Open();

        var e = Assert.Throws<SqliteException>(() => TempDatabase.Execute(connection, "CREATE FUNCTION nearness(text, text) RETURNS real AS 'semantic.wasm' LANGUAGE wasm"));

        Assert.Contains("CREATE FUNCTION nearness: module 'semantic.wasm' has no function export 'nearness'", e.Message);
        Assert.Throws<SqliteException>(() => TempDatabase.Scalar(connection, "SELECT nearness('a', 'b')"));
        Assert.Equal(0L, TempDatabase.Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE name = 'kiln_wasm_functions'"));
    }

    [Fact]
    public void Create_fails_clearly_when_the_export_has_the_wrong_type()
    {
        using var db = new TempDatabase();
        using var connection = db.Open();

        var e = Assert.Throws<SqliteException>(() => TempDatabase.Execute(connection, "CREATE FUNCTION similarity(text) RETURNS real AS 'semantic.wasm' LANGUAGE wasm"));

        Assert.Contains(
            "export 'similarity' has type (func (param i32 i32 i32 i32) (result f64)), but similarity(text) RETURNS real needs (func (param i32 i32) (result f64))",
            e.Message);
    }

    [Fact]
    public void Create_fails_clearly_when_the_module_has_imports()
    {
        using var db = new TempDatabase();
        db.WriteModule("imports.wat", """(module (import "wasi_snapshot_preview1" "proc_exit" (func (param i32))) (func (export "f") (result i64) i64.const 1))""");
        using var connection = db.Open();

        var e = Assert.Throws<SqliteException>(() => TempDatabase.Execute(connection, "CREATE FUNCTION f() RETURNS integer AS 'imports.wat' LANGUAGE wasm"));

        Assert.Contains("imports wasi_snapshot_preview1::proc_exit, but Wasm SQL functions are given no imports", e.Message);
    }

    [Fact]
    public void Create_refuses_a_second_definition_without_or_replace()
    {
        using var db = new TempDatabase();
        using var connection = db.Open();
        TempDatabase.Execute(connection, "CREATE FUNCTION slugify(text) RETURNS text AS 'slugify.wasm' LANGUAGE wasm");

        var e = Assert.Throws<SqliteException>(() => TempDatabase.Execute(connection, "create function SLUGIFY(text) returns text as 'slugify.wasm' language wasm"));
        Assert.Contains("function 'SLUGIFY' already exists: use CREATE OR REPLACE FUNCTION", e.Message);

        TempDatabase.Execute(connection, "CREATE OR REPLACE FUNCTION slugify(text) RETURNS text AS 'slugify.wasm' LANGUAGE wasm");
        Assert.Equal("a-b", TempDatabase.Scalar(connection, "SELECT slugify('A B')"));
    }

    [Fact]
    public void Failed_replacement_keeps_the_old_function()
    {
        using var db = new TempDatabase();
        using var connection = db.Open();
        TempDatabase.Execute(connection, "CREATE FUNCTION slugify(text) RETURNS text AS 'slugify.wasm' LANGUAGE wasm");

        Assert.Throws<SqliteException>(() => TempDatabase.Execute(connection, "CREATE OR REPLACE FUNCTION slugify(text) RETURNS text AS 'semantic.wasm' LANGUAGE wasm"));

        Assert.Equal("still-here", TempDatabase.Scalar(connection, "SELECT slugify('Still here')"));
    }

    [Fact]
    public void Calls_with_the_wrong_argument_count_fail_clearly()
    {
        using var db = new TempDatabase();
        using var connection = db.Open();
        TempDatabase.Execute(connection, "CREATE FUNCTION similarity(text, text) RETURNS float AS 'semantic.wasm' LANGUAGE wasm");

        var e = Assert.Throws<SqliteException>(() => TempDatabase.Scalar(connection, "SELECT similarity('a', 'b', 'c')"));

        Assert.Contains("similarity: takes 2 arguments (text, text), got 3", e.Message);
    }

    [Fact]
    public void Drop_of_an_unknown_function_fails_unless_if_exists()
    {
        using var db = new TempDatabase();
        using var connection = db.Open();

        var e = Assert.Throws<SqliteException>(() => TempDatabase.Execute(connection, "DROP FUNCTION nothing"));
        Assert.Contains("DROP FUNCTION: no such Wasm function: nothing", e.Message);
        TempDatabase.Execute(connection, "DROP FUNCTION IF EXISTS nothing");
    }

    [Fact]
    public void Trapping_function_fails_the_statement_and_the_connection_stays_usable()
    {
        using var db = new TempDatabase();
        db.WriteModule("trap.wat", """
            (module
              (global $calls (mut i64) (i64.const 0))
              (func (export "checked") (param i64) (result i64)
                (global.set $calls (i64.add (global.get $calls) (i64.const 1)))
                (if (i64.eqz (local.get 0)) (then unreachable))
                (global.get $calls)))
            """);
        using var connection = db.Open();
        TempDatabase.Execute(connection, "CREATE FUNCTION checked(integer) RETURNS integer AS 'trap.wat' LANGUAGE wasm");

        Assert.Equal([1L, 2L], TempDatabase.Column(connection, "SELECT checked(x) FROM (SELECT 5 AS x UNION ALL SELECT 6)"));
        var e = Assert.Throws<SqliteException>(() => TempDatabase.Scalar(connection, "SELECT checked(0)"));

        Assert.Contains("checked: wasm trap: unreachable", e.Message);
        Assert.Equal(1L, TempDatabase.Scalar(connection, "SELECT checked(7)"));
        Assert.Equal(4L, TempDatabase.Scalar(connection, "SELECT 2 + 2"));
    }

    [Fact]
    public void Endless_loop_is_stopped_by_the_timeout()
    {
        using var db = new TempDatabase();
        db.WriteModule("loop.wat", """(module (func (export "spin") (param i64) (result i64) (loop $l (br $l)) (i64.const 0)))""");
        using var connection = db.Open(db.Options with { Timeout = TimeSpan.FromMilliseconds(100) });
        TempDatabase.Execute(connection, "CREATE FUNCTION spin(integer) RETURNS integer AS 'loop.wat' LANGUAGE wasm");

        var started = DateTime.UtcNow;
        var e = Assert.Throws<SqliteException>(() => TempDatabase.Scalar(connection, "SELECT spin(1)"));

        Assert.Contains("spin: interrupt: the call ran longer than its limit of 100 ms", e.Message);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(90), TimeSpan.FromSeconds(5));
        Assert.Equal(1L, TempDatabase.Scalar(connection, "SELECT 1"));
    }

    [Fact]
    public void Endless_loop_is_stopped_by_fuel()
    {
        using var db = new TempDatabase();
        db.WriteModule("loop.wat", """(module (func (export "spin") (param i64) (result i64) (loop $l (br $l)) (i64.const 0)))""");
        using var connection = db.Open(db.Options with { Timeout = null, Fuel = 100_000 });
        TempDatabase.Execute(connection, "CREATE FUNCTION spin(integer) RETURNS integer AS 'loop.wat' LANGUAGE wasm");

        var e = Assert.Throws<SqliteException>(() => TempDatabase.Scalar(connection, "SELECT spin(1)"));

        Assert.Contains("spin: all fuel consumed by WebAssembly (limit: 100000 fuel per call)", e.Message);
    }

    [Fact]
    public void Fuel_is_refilled_for_every_call()
    {
        using var db = new TempDatabase();
        using var connection = db.Open(db.Options with { Fuel = 200_000 });
        TempDatabase.Execute(connection, "CREATE FUNCTION collatz_steps(integer) RETURNS integer AS 'numeric.wasm' LANGUAGE wasm");

        var steps = TempDatabase.Column(connection, "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2000) SELECT sum(collatz_steps(x)) FROM n");

        Assert.True((long)steps[0]! > 100_000);
    }

    [Fact]
    public void Invalid_utf8_returned_as_text_fails_clearly()
    {
        using var db = new TempDatabase();
        db.WriteModule("badtext.wat", """
            (module
              (memory (export "memory") 1)
              (data (i32.const 16) "ok\ff\fe")
              (data (i32.const 32) "\10\00\00\00\04\00\00\00")
              (func (export "bad") (param i64) (result i32) (i32.const 32)))
            """);
        using var connection = db.Open();
        TempDatabase.Execute(connection, "CREATE FUNCTION bad(integer) RETURNS text AS 'badtext.wat' LANGUAGE wasm");

        var e = Assert.Throws<SqliteException>(() => TempDatabase.Scalar(connection, "SELECT bad(1)"));

        Assert.Contains("bad: returned text that is not valid UTF-8 (at byte 2 of 4)", e.Message);
    }

    [Fact]
    public void Returned_text_outside_memory_fails_clearly()
    {
        using var db = new TempDatabase();
        db.WriteModule("outside.wat", """
            (module
              (memory (export "memory") 1)
              (data (i32.const 32) "\f0\ff\00\00\20\00\00\00")
              (func (export "far") (param i64) (result i32) (i32.const 32)))
            """);
        using var connection = db.Open();
        TempDatabase.Execute(connection, "CREATE FUNCTION far(integer) RETURNS text AS 'outside.wat' LANGUAGE wasm");

        var e = Assert.Throws<SqliteException>(() => TempDatabase.Scalar(connection, "SELECT far(1)"));

        Assert.Contains("far: the returned text (32 bytes at 65520) lies outside the memory (65536 bytes)", e.Message);
    }

    [Fact]
    public void Memory_growth_beyond_the_limit_fails()
    {
        using var db = new TempDatabase();
        db.WriteModule("grow.wat", """
            (module
              (memory 1)
              (func (export "grow") (param i64) (result i64)
                (i64.extend_i32_s (memory.grow (i32.wrap_i64 (local.get 0))))))
            """);
        using var connection = db.Open(db.Options with { MaxMemoryBytes = 4 << 16 });
        TempDatabase.Execute(connection, "CREATE FUNCTION grow(integer) RETURNS integer AS 'grow.wat' LANGUAGE wasm");

        Assert.Equal(1L, TempDatabase.Scalar(connection, "SELECT grow(2)"));
        Assert.Equal(-1L, TempDatabase.Scalar(connection, "SELECT grow(100)"));
    }

    [Fact]
    public void Module_whose_initial_memory_exceeds_the_limit_is_refused()
    {
        using var db = new TempDatabase();
        db.WriteModule("big.wat", """(module (memory 20) (func (export "f") (param i64) (result i64) (local.get 0)))""");
        using var connection = db.Open(db.Options with { MaxMemoryBytes = 1 << 20 });

        var e = Assert.Throws<SqliteException>(() => TempDatabase.Execute(connection, "CREATE FUNCTION f(integer) RETURNS integer AS 'big.wat' LANGUAGE wasm"));

        Assert.Contains("CREATE FUNCTION f: module 'big.wat' cannot be instantiated: ", e.Message);
        Assert.Contains("exceeds memory limits", e.Message);
    }

    [Fact]
    public void Trapping_aggregate_fails_the_statement_and_the_next_query_works()
    {
        using var db = new TempDatabase();
        db.WriteModule("agg.wat", """
            (module
              (func (export "total_step") (param i32 i64) (result i32)
                (if (i64.lt_s (local.get 1) (i64.const 0)) (then unreachable))
                (i32.add (local.get 0) (i32.wrap_i64 (local.get 1))))
              (func (export "total_final") (param i32) (result i64) (i64.extend_i32_s (local.get 0))))
            """);
        using var connection = db.Open();
        TempDatabase.Execute(connection, """
            CREATE AGGREGATE total(integer) RETURNS integer AS 'agg.wat' LANGUAGE wasm;
            CREATE TABLE t(x INTEGER);
            INSERT INTO t VALUES (1), (2), (-1);
            """);

        var e = Assert.Throws<SqliteException>(() => TempDatabase.Scalar(connection, "SELECT total(x) FROM t"));

        Assert.Contains("total: wasm trap: unreachable", e.Message);
        Assert.Equal(3L, TempDatabase.Scalar(connection, "SELECT total(x) FROM t WHERE x > 0"));
        Assert.Equal(0L, TempDatabase.Scalar(connection, "SELECT total(x) FROM t WHERE 0"));
    }

    [Fact]
    public void Text_function_without_a_proper_allocator_is_refused()
    {
        using var db = new TempDatabase();
        db.WriteModule("noalloc.wat", """(module (memory (export "memory") 1) (func (export "f") (param i32 i32) (result i64) (i64.const 0)))""");
        db.WriteModule("badalloc.wat", """
            (module (memory (export "memory") 1)
              (func (export "cabi_realloc") (param i32) (result i32) (i32.const 0))
              (func (export "f") (param i32 i32) (result i64) (i64.const 0)))
            """);
        using var connection = db.Open();

        var missing = Assert.Throws<SqliteException>(() => TempDatabase.Execute(connection, "CREATE FUNCTION f(text) RETURNS integer AS 'noalloc.wat' LANGUAGE wasm"));
        var wrong = Assert.Throws<SqliteException>(() => TempDatabase.Execute(connection, "CREATE FUNCTION f(text) RETURNS integer AS 'badalloc.wat' LANGUAGE wasm"));

        Assert.Contains("exports no function cabi_realloc(i32, i32, i32, i32) -> i32, which text and blob arguments need", missing.Message);
        Assert.Contains("exports cabi_realloc with type (func (param i32) (result i32)), but it must be (func (param i32 i32 i32 i32) (result i32))", wrong.Message);
    }
}
