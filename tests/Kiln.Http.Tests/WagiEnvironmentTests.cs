using Microsoft.AspNetCore.Http;

namespace Kiln.Http.Tests;

public class WagiEnvironmentTests
{
    private static HandlerSpec Spec(params (string Key, string Value)[] env) => new()
    {
        Name = "h",
        ModulePath = "/nowhere/h.wasm",
        Environment = [.. env.Select(e => new KeyValuePair<string, string>(e.Key, e.Value))],
    };

    private static DefaultHttpContext Request(string path, string query = "", params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("example.test:8080");
        context.Request.Path = path;
        context.Request.QueryString = query.Length == 0 ? QueryString.Empty : new QueryString("?" + query);
        context.Request.Protocol = "HTTP/1.1";
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context;
    }

    private static List<KeyValuePair<string, string>> Env(HandlerSpec spec, DefaultHttpContext context, string route = "/api/:id")
    {
        var match = RoutePattern.Parse(route).Match(context.Request.Path.Value!)!;
        return WagiExecutor.Environment(spec, context, match, 0);
    }

    [Fact]
    public void Environment_has_each_name_once_with_the_requests_value_winning()
    {
        var spec = Spec(("GREETING", "hi"), ("REQUEST_METHOD", "mine"), ("HTTP_X_TOKEN", "handler"), ("X_PATH_MATCH_ID", "handler"));
        var env = Env(spec, Request("/api/7", "", ("X-Token", "request")));
        Assert.Equal(env.Count, env.Select(e => e.Key).Distinct().Count());
        var map = env.ToDictionary(e => e.Key, e => e.Value);
        Assert.Equal("hi", map["GREETING"]);
        Assert.Equal("GET", map["REQUEST_METHOD"]);
        Assert.Equal("request", map["HTTP_X_TOKEN"]);
        Assert.Equal("7", map["X_PATH_MATCH_ID"]);
        Assert.Equal("http://example.test:8080/api/7", map["X_FULL_URL"]);
        Assert.Equal("8080", map["SERVER_PORT"]);
    }

    [Fact]
    public void Environment_lets_the_request_override_every_variable_it_sets()
    {
        // Handler variables named like each CGI variable a request sets: none may appear twice.
        var names = Env(Spec(), Request("/api/7", "q=1", ("X-Token", "t"))).Select(e => e.Key).ToArray();
        var env = Env(Spec([.. names.Select(n => (n, "handler"))]), Request("/api/7", "q=1", ("X-Token", "t")));
        Assert.Equal(names.Length, env.Count);
        Assert.Equal(env.Count, env.Select(e => e.Key).Distinct().Count());
        Assert.DoesNotContain(env, e => e.Value == "handler");
    }

    [Fact]
    public void Environment_keeps_an_overridden_handler_variable_in_the_handlers_place()
    {
        var spec = Spec(("FIRST", "1"), ("HTTP_X_TOKEN", "handler"), ("LAST", "2"));
        var keys = Env(spec, Request("/api/7", "", ("X-Token", "request"))).Select(e => e.Key).ToList();
        Assert.True(keys.IndexOf("FIRST") < keys.IndexOf("HTTP_X_TOKEN"));
        Assert.True(keys.IndexOf("HTTP_X_TOKEN") < keys.IndexOf("REQUEST_METHOD"));
    }

    [Fact]
    public void Environment_gives_headers_as_http_variables_except_credentials()
    {
        var env = Env(Spec(), Request("/api/7", "", ("User-Agent", "test/1"), ("Authorization", "Bearer x"), ("Connection", "close")));
        Assert.Contains(new KeyValuePair<string, string>("HTTP_USER_AGENT", "test/1"), env);
        Assert.DoesNotContain(env, e => e.Key is "HTTP_AUTHORIZATION" or "HTTP_CONNECTION");
    }

    [Theory]
    [InlineData("", new[] { "/api/7" })]
    [InlineData("a=1&b=2", new[] { "/api/7", "a=1", "b=2" })]
    [InlineData("a=1&&b", new[] { "/api/7", "a=1", "b" })]
    public void Argv_with_the_default_template_is_the_path_then_the_query_parts(string query, string[] expected)
    {
        Assert.Equal(expected, WagiExecutor.Argv(HandlerSpec.DefaultArgv, Request("/api/7", query).Request));
        // The same as substituting into a copy of the template (not the same string object) and splitting.
        string copy = new([.. HandlerSpec.DefaultArgv]);
        Assert.Equal(expected, WagiExecutor.Argv(copy + " ", Request("/api/7", query).Request));
    }

    [Fact]
    public void Argv_substitutes_a_custom_template()
    {
        Assert.Equal(["run", "/api/7", "x=1"], WagiExecutor.Argv("run ${SCRIPT_NAME} ${ARGS}", Request("/api/7", "x=1").Request));
    }
}
