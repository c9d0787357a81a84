using System.Diagnostics;
using System.Net;
using System.Text;

namespace Kiln.Http.Tests;

public class KilnTomlServeTests(KilnTomlServer served) : IClassFixture<KilnTomlServer>
{
    private HttpClient Client => served.Client;

    [Fact]
    public async Task Hello_handler_answers_with_its_headers_and_body()
    {
        var response = await Client.GetAsync("/hello");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Hello from Kiln!\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Wat_handler_is_served_from_text()
    {
        Assert.Equal("Hello, WAT!\n", await Client.GetStringAsync("/wat"));
    }

    [Fact]
    public async Task Echo_handler_sees_the_request_as_cgi_variables_and_stdin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/echo/a/b%20c?x=1&y=2")
        {
            Content = new StringContent("the body", Encoding.UTF8, "text/x-test"),
        };
        request.Headers.Add("X-Custom-Header", "custom");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "secret");
        var response = await Client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("POST", Assert.Single(response.Headers.GetValues("X-Echo-Method")));
        var lines = text.Split('\n');
        Assert.Equal("POST /a/b c?x=1&y=2", lines[0]);
        Assert.Contains("argv[0]=/echo/a/b%20c", lines);
        Assert.Contains("argv[1]=x=1", lines);
        Assert.Contains("argv[2]=y=2", lines);
        Assert.Contains("REQUEST_METHOD=POST", lines);
        Assert.Contains("QUERY_STRING=x=1&y=2", lines);
        Assert.Contains("PATH_INFO=/a/b c", lines);
        Assert.Contains("X_RAW_PATH_INFO=/a/b%20c", lines);
        Assert.Contains("SCRIPT_NAME=/echo", lines);
        Assert.Contains("X_MATCHED_ROUTE=/echo/...", lines);
        Assert.Contains("CONTENT_LENGTH=8", lines);
        Assert.Contains("CONTENT_TYPE=text/x-test; charset=utf-8", lines);
        Assert.Contains("HTTP_X_CUSTOM_HEADER=custom", lines);
        Assert.Contains("GATEWAY_INTERFACE=CGI/1.1", lines);
        Assert.Contains("SERVER_PROTOCOL=HTTP/1.1", lines);
        Assert.Contains("REMOTE_ADDR=127.0.0.1", lines);
        Assert.Contains("GREETING=hello from kiln.toml", lines);
        Assert.Contains(lines, l => l.StartsWith("X_FULL_URL=http://127.0.0.1:", StringComparison.Ordinal) && l.EndsWith("/echo/a/b%20c?x=1&y=2", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("HTTP_AUTHORIZATION", StringComparison.Ordinal));
        Assert.Equal("body:the body", lines[^2]);
    }

    [Fact]
    public async Task Trapping_handler_gets_500_and_the_server_keeps_serving()
    {
        var response = await Client.GetAsync("/trap");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("half", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/hello")).StatusCode);
    }

    [Fact]
    public async Task Endless_handler_gets_504_at_its_timeout()
    {
        var clock = Stopwatch.StartNew();
        var response = await Client.GetAsync("/loop");
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.InRange(clock.ElapsedMilliseconds, 250, 5000);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/hello")).StatusCode);
    }

    [Fact]
    public async Task Malformed_cgi_output_gets_502()
    {
        var response = await Client.GetAsync("/malformed");
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task Location_without_status_redirects_with_302()
    {
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Client.BaseAddress };
        var response = await noRedirects.GetAsync("/go/hello");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/hello", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Files_handler_reads_the_mapped_directory_only()
    {
        Assert.Equal("a static file, served by files.wasm\n", await Client.GetStringAsync("/static/index.txt"));
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/static/missing.txt")).StatusCode);
    }

    [Fact]
    public async Task Memory_limit_stops_memory_grow_at_the_limit()
    {
        // 1 MiB = 16 pages of 64 KiB: the 17th memory.grow returns -1.
        Assert.Equal("pages=16", await Client.GetStringAsync("/grow"));
    }

    [Fact]
    public async Task Fuel_limit_stops_an_endless_handler_and_meters_only_its_route()
    {
        var response = await Client.GetAsync("/metered");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/hello")).StatusCode);

        // Metering slows every guest of an engine, so only the route with a fuel limit runs on one that meters.
        var engines = served.Server.Router.Routes.ToLookup(r => r.Route.Handler.Limits.Fuel is not null, r => r.Handler.Engine);
        Assert.True(Assert.Single(engines[true].Distinct()).Config.ConsumeFuel);
        Assert.False(Assert.Single(engines[false].Distinct()).Config.ConsumeFuel);
    }

    [Fact]
    public async Task Concurrent_requests_each_get_a_fresh_instance()
    {
        var tasks = Enumerable.Range(0, 48).Select(async i =>
        {
            var response = await Client.PostAsync("/count", new StringContent($"request-{i}"));
            return (i, await response.Content.ReadAsStringAsync());
        });
        foreach (var (i, body) in await Task.WhenAll(tasks))
        {
            Assert.Equal($"count=1 body=request-{i}\n", body);
        }
    }

    [Fact]
    public async Task Unknown_path_is_404_and_wrong_method_405()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/nothing-here")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await Client.DeleteAsync("/hello")).StatusCode);
    }

    [Fact]
    public async Task Metrics_endpoint_reports_requests_traps_and_timeouts_per_route()
    {
        await Client.GetAsync("/trap");
        await Client.GetAsync("/hello");
        string metrics = await Client.GetStringAsync("/metrics");
        Assert.Contains("kiln_http_requests_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("route=\"/hello\"", metrics, StringComparison.Ordinal);
        Assert.Contains("kiln_http_traps_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("kiln_http_instantiations_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("kiln_http_request_duration_seconds_bucket{", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_log_has_a_line_per_request()
    {
        await Client.GetAsync("/hello?from=access-log-test");
        Assert.Contains("\"GET /hello?from=access-log-test HTTP/1.1\" 200 17 ", served.AccessLog.ToString(), StringComparison.Ordinal);
    }
}
