// Where one `kiln serve` request's CPU goes, without HTTP: the hello handler through the same executor, N times.
//   dotnet run -c Release --project bench/serve/ServeLoop [-- ITERATIONS [MODULE.wasm] [--allocations]]
// Prints the mean µs of each phase of a request (run one after another, as WagiExecutor runs them), then the mean µs
// of a whole request through WasmRequest.HandleAsync on an in-memory HttpContext (routing, CGI environment, guest, CGI
// parse, response), and the bytes allocated per request. With --allocations, the types allocated most (sampled).
using System.Diagnostics;
using Kiln;
using Kiln.Http;
using Kiln.Wasi;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

int iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
string module = args.Length > 1 && args[1].EndsWith(".wasm", StringComparison.Ordinal) ? args[1] : Path.Combine(AppContext.BaseDirectory, "../../../../../../examples/http/hello.wasm");
var manifest = ServeManifest.ForSingleHandler(module);
var route = manifest.Routes[0];
var handler = WasmHandler.Load(route.Handler);
var match = route.Route.Match("/hello")!;

Phases(iterations / 4);
Phases(iterations);
EndToEnd(iterations / 4);
if (args.Contains("--allocations"))
{
    // Which types a request allocates: the runtime samples an allocation about every 100 KB (GC AllocationTick).
    using var listener = new AllocationListener();
    EndToEnd(iterations);
    listener.Print();
}
else
{
    EndToEnd(iterations);
}

void Phases(int n)
{
    var t = new long[6];
    var a = new long[6];

    // The clock and allocation counter at the start (0) and end (1-6) of each phase.
    var time = new long[7];
    var bytes = new long[7];
    void Mark(int phase)
    {
        time[phase] = Stopwatch.GetTimestamp();
        bytes[phase] = GC.GetAllocatedBytesForCurrentThread();
    }

    for (int i = 0; i < n; i++)
    {
        bytes[0] = GC.GetAllocatedBytesForCurrentThread();
        time[0] = Stopwatch.GetTimestamp();
        var options = new WasiOptions { Stdin = Stream.Null, Stdout = new MemoryStream(), Stderr = Stream.Null };
        options.Args.Add("/hello");
        options.Environment.Add(new("REQUEST_METHOD", "GET"));
        var wasi = new WasiPreview1(options);
        Mark(1);
        var store = new Store<WasiPreview1>(handler.Engine, wasi);
        Mark(2);
        var instance = handler.Prepared.Instantiate(store);
        Mark(3);
        var start = instance.GetAction("_start")!;
        Mark(4);
        try
        {
            start();
        }
        catch (TrapException e) when (KilnWasiContext.ExitCodeOf(e) == 0)
        {
        }

        Mark(5);
        wasi.Dispose();
        store.Dispose();
        Mark(6);
        for (int p = 0; p < t.Length; p++)
        {
            t[p] += time[p + 1] - time[p];
            a[p] += bytes[p + 1] - bytes[p];
        }
    }

    double us(long ticks) => ticks * 1e6 / Stopwatch.Frequency / n;
    Console.WriteLine($"phases x{n}: wasi {us(t[0]):F1} µs, store {us(t[1]):F1}, instantiate {us(t[2]):F1}, export {us(t[3]):F1}, _start {us(t[4]):F1}, dispose {us(t[5]):F1}, total {us(t.Sum()):F1}");
    Console.WriteLine($"  bytes: wasi {a[0] / n}, store {a[1] / n}, instantiate {a[2] / n}, export {a[3] / n}, _start {a[4] / n}, dispose {a[5] / n}");
}

void EndToEnd(int n)
{
    var services = new ServiceCollection().BuildServiceProvider();
    long allocated = GC.GetAllocatedBytesForCurrentThread();
    int gen0 = GC.CollectionCount(0);
    long t0 = Stopwatch.GetTimestamp();
    for (int i = 0; i < n; i++)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "GET";
        context.Request.Path = "/hello";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1:3902");
        context.Request.Protocol = "HTTP/1.1";
        context.Response.Body = Stream.Null;
        WasmRequest.HandleAsync(context, handler, match).GetAwaiter().GetResult();
        if (context.Response.StatusCode != 200)
        {
            throw new InvalidOperationException($"status {context.Response.StatusCode}");
        }
    }

    double elapsed = Stopwatch.GetElapsedTime(t0).TotalMicroseconds / n;
    long bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / n;
    Console.WriteLine($"end to end x{n}: {elapsed:F1} µs per request, {bytes} B allocated, {GC.CollectionCount(0) - gen0} gen0 GCs");
}
