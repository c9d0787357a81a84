namespace Kiln.Http.Tests;

public class RoutePatternTests
{
    [Fact]
    public void Exact_route_matches_only_its_path()
    {
        var p = RoutePattern.Parse("/hello");
        Assert.NotNull(p.Match("/hello"));
        Assert.NotNull(p.Match("/hello/"));
        Assert.Null(p.Match("/hello/x"));
        Assert.Null(p.Match("/hell"));
        Assert.False(p.IsPrefix);
    }

    [Fact]
    public void Prefix_route_passes_the_rest_as_path_info()
    {
        var p = RoutePattern.Parse("/api/...");
        Assert.Equal("/users/7", p.Match("/api/users/7")!.PathInfo);
        Assert.Equal("", p.Match("/api")!.PathInfo);
        Assert.Null(p.Match("/apix/1"));
        Assert.Equal("/api", p.PathOrPrefix);
    }

    [Fact]
    public void Named_segments_are_captured_decoded()
    {
        var m = RoutePattern.Parse("/users/:id/...").Match("/users/a%20b/posts");
        Assert.NotNull(m);
        Assert.Equal(new KeyValuePair<string, string>("id", "a b"), Assert.Single(m.NamedSegments));
        Assert.Equal("/posts", m.PathInfo);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/a/.../b")]
    [InlineData("/a/*")]
    [InlineData("/a/:")]
    public void Parse_rejects_bad_routes(string route)
    {
        Assert.Throws<FormatException>(() => RoutePattern.Parse(route));
    }

    [Fact]
    public void Router_prefers_exact_then_longer_prefix()
    {
        var engine = new Engine();
        var spec = new HandlerSpec { Name = "h", ModulePath = Examples.File("hello.wat") };
        var handler = WasmHandler.Load(engine, spec);
        var router = new WasmRouter(
        [
            (new RouteSpec(RoutePattern.Parse("/..."), [], spec), handler),
            (new RouteSpec(RoutePattern.Parse("/api/..."), [], spec), handler),
            (new RouteSpec(RoutePattern.Parse("/api/users"), ["POST"], spec), handler),
        ]);
        Assert.Equal("/api/...", router.Find("GET", "/api/x", out _)!.Value.Match.Pattern.Text);
        Assert.Equal("/api/users", router.Find("POST", "/api/users", out _)!.Value.Match.Pattern.Text);
        Assert.Equal("/api/...", router.Find("GET", "/api/users", out _)!.Value.Match.Pattern.Text);
        Assert.Equal("/...", router.Find("GET", "/other", out _)!.Value.Match.Pattern.Text);
    }

    [Fact]
    public void Router_reports_method_not_allowed_when_only_the_method_differs()
    {
        var engine = new Engine();
        var spec = new HandlerSpec { Name = "h", ModulePath = Examples.File("hello.wat") };
        var router = new WasmRouter([(new RouteSpec(RoutePattern.Parse("/only-get"), ["GET"], spec), WasmHandler.Load(engine, spec))]);
        Assert.Null(router.Find("DELETE", "/only-get", out bool notAllowed));
        Assert.True(notAllowed);
        Assert.Null(router.Find("GET", "/elsewhere", out notAllowed));
        Assert.False(notAllowed);
    }
}
