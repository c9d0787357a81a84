using Microsoft.Data.Sqlite;

namespace Kiln.Sqlite.Tests;

public sealed class ValueAbiTests
{
    [Fact]
    public void Numeric_functions_take_and_return_reals_and_integers()
    {
        using var db = new TempDatabase();
        using var connection = db.Open();
        TempDatabase.Execute(connection, """
            CREATE FUNCTION haversine_km(real, real, real, real) RETURNS real AS 'numeric.wasm' LANGUAGE wasm;
            CREATE FUNCTION collatz_steps(integer) RETURNS integer AS 'numeric.wasm' LANGUAGE wasm;
            """);

        double km = (double)TempDatabase.Scalar(connection, "SELECT haversine_km(52.52, 13.405, 48.8566, 2.3522)")!;
        Assert.InRange(km, 875, 880);
        Assert.Equal(111L, TempDatabase.Scalar(connection, "SELECT collatz_steps(27)"));
        Assert.Equal(111L, TempDatabase.Scalar(connection, "SELECT collatz_steps('27')"));
        Assert.Equal(111L, TempDatabase.Scalar(connection, "SELECT collatz_steps(27.9)"));
    }

    [Fact]
    public void Text_transform_returns_text_and_frees_it_through_cabi_post()
    {
        using var db = new TempDatabase();
        using var connection = db.Open();
        TempDatabase.Execute(connection, "CREATE FUNCTION slugify(text) RETURNS text AS 'slugify.wasm' LANGUAGE wasm");

        Assert.Equal("noise-cancelling-headphones-pro", TempDatabase.Scalar(connection, "SELECT slugify('Noise-Cancelling Headphones (Pro)')"));
        Assert.Equal("", TempDatabase.Scalar(connection, "SELECT slugify('')"));
        Assert.Equal("42", TempDatabase.Scalar(connection, "SELECT slugify(42)"));

        // 20,000 rows of 1 KiB each: without cabi_post_slugify freeing every result the 64 MiB memory cap would be hit.
        var total = TempDatabase.Scalar(connection, """
            WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 20000)
            SELECT sum(length(slugify(printf('%.1024c', 'A')))) FROM n
            """);
        Assert.Equal(20000L * 1024, total);
    }

    [Fact]
    public void Long_text_arguments_grow_the_argument_buffer()
    {
        using var db = new TempDatabase();
        using var connection = db.Open();
        TempDatabase.Execute(connection, "CREATE FUNCTION similarity(text, text) RETURNS real AS 'semantic.wasm' LANGUAGE wasm");

        var score = TempDatabase.Scalar(connection, "SELECT similarity(printf('%.200000c', 'a') || ' wireless', 'wireless')");

        Assert.Equal(1.0, score);
    }

    [Fact]
    public void Aggregate_runs_step_and_final_per_group()
    {
        using var db = new TempDatabase();
        using var connection = db.Open();
        TempDatabase.Execute(connection, """
            CREATE AGGREGATE median(real) RETURNS real AS 'median.wasm' LANGUAGE wasm;
            CREATE TABLE t(g TEXT, v REAL);
            INSERT INTO t VALUES ('a', 5), ('a', 1), ('a', 3), ('b', 4), ('b', 2), ('b', NULL), ('c', NULL);
            """);

        var medians = TempDatabase.Column(connection, "SELECT median(v) FROM t GROUP BY g ORDER BY g");

        Assert.Equal([3.0, 3.0, null], medians);
        Assert.Null(TempDatabase.Scalar(connection, "SELECT median(v) FROM t WHERE 0"));
        Assert.Equal(3.0, TempDatabase.Scalar(connection, "SELECT median(v) FROM t"));
        var e = Assert.Throws<SqliteException>(() => TempDatabase.Execute(connection, "DROP FUNCTION median"));
        Assert.Contains("'median' is an aggregate: use DROP AGGREGATE", e.Message);
        TempDatabase.Execute(connection, "DROP AGGREGATE median");
    }

    [Fact]
    public void Null_arguments_give_null_without_a_call_by_default()
    {
        using var db = new TempDatabase();
        db.WriteModule("count.wat", """
            (module
              (global $calls (mut i64) (i64.const 0))
              (func (export "count") (param i64) (result i64)
                (global.set $calls (i64.add (global.get $calls) (i64.const 1)))
                (global.get $calls)))
            """);
        using var connection = db.Open();
        TempDatabase.Execute(connection, "CREATE FUNCTION count_calls(integer) RETURNS integer AS 'count.wat' LANGUAGE wasm EXPORT 'count'");

        Assert.Null(TempDatabase.Scalar(connection, "SELECT count_calls(NULL)"));
        Assert.Equal(1L, TempDatabase.Scalar(connection, "SELECT count_calls(5)"));
    }

    [Fact]
    public void Called_on_null_input_passes_a_null_mask()
    {
        using var db = new TempDatabase();
        db.WriteModule("mask.wat", """
            (module
              (memory (export "memory") 1)
              (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
              (func (export "mask") (param i64 f64 i32 i32 i32) (result i64)
                (i64.add (i64.extend_i32_u (local.get 4)) (i64.mul (i64.extend_i32_u (local.get 3)) (i64.const 100)))))
            """);
        using var connection = db.Open();
        TempDatabase.Execute(connection, "CREATE FUNCTION mask(integer, real, text) RETURNS integer AS 'mask.wat' LANGUAGE wasm CALLED ON NULL INPUT");

        Assert.Equal(0L + 300, TempDatabase.Scalar(connection, "SELECT mask(1, 2.0, 'abc')"));
        Assert.Equal(5L, TempDatabase.Scalar(connection, "SELECT mask(NULL, 2.0, NULL)"));
        Assert.Equal(2L + 200, TempDatabase.Scalar(connection, "SELECT mask(1, NULL, 'xy')"));
    }

    [Fact]
    public void I32_and_f32_exports_are_accepted_where_declared()
    {
        using var db = new TempDatabase();
        db.WriteModule("narrow.wat", """
            (module
              (func (export "twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
              (func (export "half") (param f32) (result f32) (f32.div (local.get 0) (f32.const 2))))
            """);
        using var connection = db.Open();
        TempDatabase.Execute(connection, """
            CREATE FUNCTION twice(int) RETURNS int AS 'narrow.wat' LANGUAGE wasm;
            CREATE FUNCTION half(float) RETURNS float AS 'narrow.wat' LANGUAGE wasm;
            """);

        Assert.Equal(42L, TempDatabase.Scalar(connection, "SELECT twice(21)"));
        Assert.Equal(1.25, TempDatabase.Scalar(connection, "SELECT half(2.5)"));
        var e = Assert.Throws<SqliteException>(() => TempDatabase.Scalar(connection, "SELECT twice(5000000000)"));
        Assert.Contains("twice: argument 1 (5000000000) does not fit the export's i32 parameter", e.Message);
    }

    [Fact]
    public void Blob_arguments_and_results_keep_their_bytes()
    {
        using var db = new TempDatabase();
        db.WriteModule("blob.wat", """
            (module
              (memory (export "memory") 1)
              (global $heap (mut i32) (i32.const 4096))
              (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
                (global.get $heap)
                (global.set $heap (i32.add (global.get $heap) (local.get 3))))
              ;; Returns its argument reversed, through a return area at 16.
              (func (export "reverse") (param $p i32) (param $n i32) (result i32)
                (local $i i32)
                (block $done
                  (loop $next
                    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                    (i32.store8 (i32.add (i32.const 1024) (local.get $i))
                      (i32.load8_u (i32.sub (i32.add (local.get $p) (local.get $n)) (i32.add (local.get $i) (i32.const 1)))))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $next)))
                (i32.store (i32.const 16) (i32.const 1024))
                (i32.store (i32.const 20) (local.get $n))
                (i32.const 16)))
            """);
        using var connection = db.Open();
        TempDatabase.Execute(connection, "CREATE FUNCTION reverse_bytes(blob) RETURNS blob AS 'blob.wat' LANGUAGE wasm EXPORT 'reverse'");

        Assert.Equal(new byte[] { 0xff, 0x00, 0x01 }, TempDatabase.Scalar(connection, "SELECT reverse_bytes(x'0100ff')"));
        Assert.Equal("cba"u8.ToArray(), TempDatabase.Scalar(connection, "SELECT reverse_bytes('abc')"));
    }

    [Fact]
    public void Nan_result_is_null()
    {
        using var db = new TempDatabase();
        db.WriteModule("nan.wat", """(module (func (export "nan") (param f64) (result f64) (f64.div (local.get 0) (local.get 0))))""");
        using var connection = db.Open();
        TempDatabase.Execute(connection, "CREATE FUNCTION nan(real) RETURNS real AS 'nan.wat' LANGUAGE wasm");

        Assert.Null(TempDatabase.Scalar(connection, "SELECT nan(0.0)"));
        Assert.Equal(1.0, TempDatabase.Scalar(connection, "SELECT nan(3.0)"));
    }

    [Fact]
    public void Deterministic_functions_may_be_used_in_an_index()
    {
        using var db = new TempDatabase();
        using var connection = db.Open();
        TempDatabase.Execute(connection, """
            CREATE FUNCTION slugify(text) RETURNS text AS 'slugify.wasm' LANGUAGE wasm;
            CREATE FUNCTION slug(text) RETURNS text AS 'slugify.wasm' LANGUAGE wasm EXPORT 'slugify' DETERMINISTIC;
            CREATE TABLE p(name TEXT);
            """);

        var e = Assert.Throws<SqliteException>(() => TempDatabase.Execute(connection, "CREATE INDEX bad ON p(slugify(name))"));
        Assert.Contains("non-deterministic functions prohibited in index expressions", e.Message);
        TempDatabase.Execute(connection, "CREATE INDEX good ON p(slug(name)); INSERT INTO p VALUES ('Hello World')");
        Assert.Equal("Hello World", TempDatabase.Scalar(connection, "SELECT name FROM p WHERE slug(name) = 'hello-world'"));
    }
}
