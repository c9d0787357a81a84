using System.Net;
using Kiln.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kiln.Http.Tests;

public class MapWasmTests
{
    [Fact]
    public async Task MapWasm_serves_a_catch_all_route_beside_ordinary_endpoints()
    {
        await using var app = Build(app =>
        {
            var options = new WasmHandlerOptions();
            options.Environment["GREETING"] = "from MapWasm";
            app.MapWasm("/api/{**path}", Examples.File("echo.wasm"), options);
            app.MapWasm("/users/{id}/posts", Examples.File("echo.wasm"));
            app.MapWasm("/trap", Examples.File("trap.wat"));
            app.MapWasm("/loop", Examples.File("loop.wat"), new WasmHandlerOptions { Limits = new HandlerLimits { Timeout = TimeSpan.FromMilliseconds(200) } });
            app.MapGet("/plain", () => "plain ASP.NET Core");
        });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        string echo = await client.GetStringAsync("/api/items/7?full=1");
        Assert.StartsWith("GET /items/7?full=1\n", echo, StringComparison.Ordinal);
        Assert.Contains("X_MATCHED_ROUTE=/api/...\n", echo, StringComparison.Ordinal);
        Assert.Contains("GREETING=from MapWasm\n", echo, StringComparison.Ordinal);
        Assert.Contains("X_PATH_MATCH_ID=42\n", await client.GetStringAsync("/users/42/posts"), StringComparison.Ordinal);
        Assert.Equal("plain ASP.NET Core", await client.GetStringAsync("/plain"));
        Assert.Equal(HttpStatusCode.InternalServerError, (await client.GetAsync("/trap")).StatusCode);
        Assert.Equal(HttpStatusCode.GatewayTimeout, (await client.GetAsync("/loop")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/elsewhere")).StatusCode);
    }

    [Theory]
    [InlineData("/a/{x?}")]
    [InlineData("/a/{x=1}")]
    [InlineData("/a/pre-{x}")]
    public void MapWasm_refuses_routes_wagi_cannot_express(string pattern)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var app = builder.Build();
        Assert.Throws<ArgumentException>(() => app.MapWasm(pattern, Examples.File("hello.wasm")));
    }

    private static WebApplication Build(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        map(app);
        return app;
    }
}
