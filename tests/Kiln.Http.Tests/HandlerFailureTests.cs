using System.Net;

namespace Kiln.Http.Tests;

public class HandlerFailureTests
{
    [Fact]
    public async Task Initial_memory_over_the_limit_is_a_500_and_the_server_lives()
    {
        // hello.wasm starts with 2 pages (128 KiB); a 64 KiB cap refuses the instance.
        var small = new HandlerSpec { Name = "small", ModulePath = Examples.File("hello.wasm"), Limits = new HandlerLimits { MaxMemoryBytes = 64 << 10 } };
        var fine = new HandlerSpec { Name = "fine", ModulePath = Examples.File("hello.wasm") };
        var manifest = new ServeManifest
        {
            Routes = [new RouteSpec(RoutePattern.Parse("/small"), [], small), new RouteSpec(RoutePattern.Parse("/fine"), [], fine)],
        };
        await using var server = WasmServer.Create(manifest, new WasmServerOptions { Listen = "127.0.0.1:0", Metrics = false });
        await server.StartAsync();
        using var client = new HttpClient { BaseAddress = server.Addresses[0] };
        Assert.Equal(HttpStatusCode.InternalServerError, (await client.GetAsync("/small")).StatusCode);
        Assert.Equal("Hello from Kiln!\n", await client.GetStringAsync("/fine"));
    }

    [Fact]
    public async Task Oversized_request_body_is_413()
    {
        var spec = new HandlerSpec { Name = "echo", ModulePath = Examples.File("echo.wasm"), Limits = new HandlerLimits { MaxRequestBodyBytes = 10 } };
        await using var server = WasmServer.Create(new ServeManifest { Routes = [new RouteSpec(RoutePattern.Parse("/..."), [], spec)] }, new WasmServerOptions { Listen = "127.0.0.1:0", Metrics = false });
        await server.StartAsync();
        using var client = new HttpClient { BaseAddress = server.Addresses[0] };
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.PostAsync("/", new StringContent("more than ten bytes"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/", new StringContent("short"))).StatusCode);
    }
}
