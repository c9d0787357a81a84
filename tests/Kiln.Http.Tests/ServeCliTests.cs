using System.Diagnostics;
using System.Net;

namespace Kiln.Http.Tests;

/// <summary>`kiln serve` end to end: the real executable, a free port, real requests, and a real SIGTERM.</summary>
public sealed class ServeCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kiln-serve-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Single_handler_is_served_on_every_path_and_stops_cleanly_on_sigterm()
    {
        using var kiln = await KilnServe.StartAsync(Examples.File("hello.wasm"), "--listen", "127.0.0.1:0");
        using var client = new HttpClient { BaseAddress = kiln.Address };
        Assert.Equal("Hello from Kiln!\n", await client.GetStringAsync("/any/path?x=1"));
        Assert.Equal("Hello from Kiln!\n", await client.GetStringAsync("/"));
        var (code, output, _) = await kiln.StopAsync();
        Assert.Equal(0, code);
        Assert.Contains("\"GET /any/path?x=1 HTTP/1.1\" 200 17 ", output, StringComparison.Ordinal);
        Assert.EndsWith("Stopped.\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_lets_the_request_in_flight_finish()
    {
        using var kiln = await KilnServe.StartAsync(Examples.File("loop.wat"), "--listen", "127.0.0.1:0", "--timeout", "1500ms");
        using var client = new HttpClient { BaseAddress = kiln.Address };
        var inFlight = client.GetAsync("/");
        await Task.Delay(400);
        var stopped = kiln.StopAsync();
        var response = await inFlight;
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        var (code, _, error) = await stopped;
        Assert.Equal(0, code);
        Assert.Contains("ran past its timeout of 1500 ms", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_reloads_a_changed_module()
    {
        string module = Path.Combine(_dir, "hello.wat");
        File.Copy(Examples.File("hello.wat"), module);
        using var kiln = await KilnServe.StartAsync(module, "--listen", "127.0.0.1:0", "--watch");
        using var client = new HttpClient { BaseAddress = kiln.Address };
        Assert.Equal("Hello, WAT!\n", await client.GetStringAsync("/"));
        File.WriteAllText(module, File.ReadAllText(module).Replace("Hello, WAT!", "Howdy, WAT!", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(module, DateTime.UtcNow.AddSeconds(2));
        string body = "";
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(10) && body != "Howdy, WAT!\n"; await Task.Delay(100))
        {
            body = await client.GetStringAsync("/");
        }

        Assert.Equal("Howdy, WAT!\n", body);
        var (_, _, error) = await kiln.StopAsync();
        Assert.Contains("reloaded handler hello", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_manifest_exits_1_naming_file_and_line()
    {
        string manifest = Path.Combine(_dir, "kiln.toml");
        File.WriteAllText(manifest, "[[route]]\nroute = \"/a\"\nmodule = \"nowhere.wasm\"\n");
        var (code, _, error) = await KilnServe.RunToEndAsync(manifest, "--listen", "127.0.0.1:0");
        Assert.Equal(1, code);
        Assert.Equal($"Error: {manifest}:3: route \"/a\": module \"nowhere.wasm\" not found (looked for {Path.Combine(_dir, "nowhere.wasm")})\n", error);
    }

    [Fact]
    public async Task Bad_listen_address_exits_1()
    {
        var (code, _, error) = await KilnServe.RunToEndAsync(Examples.File("hello.wasm"), "--listen", "nowhere");
        Assert.Equal(1, code);
        Assert.StartsWith("Error: --listen nowhere: expected HOST:PORT", error, StringComparison.Ordinal);
    }
}
