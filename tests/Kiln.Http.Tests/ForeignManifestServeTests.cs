using System.Diagnostics;
using System.Net;

namespace Kiln.Http.Tests;

public class SpinTomlServeTests(SpinTomlServer served) : IClassFixture<SpinTomlServer>
{
    [Fact]
    public async Task Spin_wagi_components_serve_their_routes()
    {
        Assert.Equal("Hello from Kiln!\n", await served.Client.GetStringAsync("/hello"));
        string echo = await served.Client.GetStringAsync("/echo/x?q=1");
        Assert.Contains("GET /x?q=1\n", echo, StringComparison.Ordinal);
        Assert.Contains("GREETING=hello from spin.toml\n", echo, StringComparison.Ordinal);
        Assert.Contains("X_MATCHED_ROUTE=/echo/...\n", echo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spin_inline_component_runs_in_a_fresh_instance_per_request()
    {
        var bodies = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
            await (await served.Client.PostAsync("/count", new StringContent($"spin-{i}"))).Content.ReadAsStringAsync()));
        for (int i = 0; i < bodies.Length; i++)
        {
            Assert.Equal($"count=1 body=spin-{i}\n", bodies[i]);
        }
    }

    [Fact]
    public async Task Spin_trap_is_500_and_malformed_output_502()
    {
        Assert.Equal(HttpStatusCode.InternalServerError, (await served.Client.GetAsync("/trap")).StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, (await served.Client.GetAsync("/malformed")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await served.Client.GetAsync("/loop")).StatusCode);
    }
}

public class ServerlessYmlServeTests(ServerlessYmlServer served) : IClassFixture<ServerlessYmlServer>
{
    [Fact]
    public async Task Serverless_functions_serve_their_http_events()
    {
        Assert.Equal("Hello from Kiln!\n", await served.Client.GetStringAsync("/hello"));
        string echo = await served.Client.GetStringAsync("/echo/deep/path");
        Assert.Contains("GET /deep/path?\n", echo, StringComparison.Ordinal);
        Assert.Contains("GREETING=hello from serverless.yml\n", echo, StringComparison.Ordinal);
        Assert.Contains("STAGE=dev\n", echo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serverless_path_parameters_and_methods_are_honoured()
    {
        var response = await served.Client.PostAsync("/users/42", new StringContent("x"));
        string text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("X_PATH_MATCH_ID=42\n", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await served.Client.GetAsync("/users/42")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await served.Client.PostAsync("/hello", null)).StatusCode);
    }

    [Fact]
    public async Task Serverless_function_timeout_in_seconds_gives_504()
    {
        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.GatewayTimeout, (await served.Client.GetAsync("/loop")).StatusCode);
        Assert.InRange(clock.ElapsedMilliseconds, 250, 5000);
    }
}
