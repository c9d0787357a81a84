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
    for (int i = 0; i < n; i++)
    {
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        long t0 = Stopwatch.GetTimestamp();
        var options = new WasiOptions { Stdin = Stream.Null, Stdout = new MemoryStream(), Stderr = Stream.Null };
        options.Args.Add("/hello");
        options.Environment.Add(new("REQUEST_METHOD", "GET"));
        var wasi = new WasiPreview1(options);
        long t1 = Stopwatch.GetTimestamp();
        long a1 = GC.GetAllocatedBytesForCurrentThread();
        var store = new Store<WasiPreview1>(handler.Engine, wasi);
        long t2 = Stopwatch.GetTimestamp();
        long a2 = GC.GetAllocatedBytesForCurrentThread();
        var instance = handler.Prepared.Instantiate(store);
        long t3 = Stopwatch.GetTimestamp();
        long a3 = GC.GetAllocatedBytesForCurrentThread();
        var start = instance.GetAction("_start")!;
        long t4 = Stopwatch.GetTimestamp();
        long a4 = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            start();
        }
        catch (TrapException e) when (KilnWasiContext.ExitCodeOf(e) == 0)
        {
        }

        long t5 = Stopwatch.GetTimestamp();
        long a5 = GC.GetAllocatedBytesForCurrentThread();
        wasi.Dispose();
        store.Dispose();
        long t6 = Stopwatch.GetTimestamp();
        long a6 = GC.GetAllocatedBytesForCurrentThread();
        t[0] += t1 - t0;
        t[1] += t2 - t1;
        t[2] += t3 - t2;
        t[3] += t4 - t3;
        t[4] += t5 - t4;
        t[5] += t6 - t5;
        a[0] += a1 - a0;
        a[1] += a2 - a1;
        a[2] += a3 - a2;
        a[3] += a4 - a3;
        a[4] += a5 - a4;
        a[5] += a6 - a5;
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
