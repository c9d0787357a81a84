using Kiln.Http.Manifests;

namespace Kiln.Http.Tests;

public sealed class ManifestErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kiln-manifest-").FullName;

    public ManifestErrorTests()
    {
        File.Copy(Examples.File("hello.wasm"), Path.Combine(_dir, "hello.wasm"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("[[route]]\nroute = \"/a\"\nmodule = \"hello.wasm\"\n[[route]]\nroute = \"/b\"\nmodule = \"missing.wasm\"\n", 6, "module \"missing.wasm\" not found")]
    [InlineData("[[route]]\nroute = \"/a\"\nmodul = \"hello.wasm\"\n", 3, "unknown key \"modul\"")]
    [InlineData("[[route]]\nroute = \"/a\"\n", 2, "has no \"module\"")]
    [InlineData("[[route]]\nroute = \"/a/.../b\"\nmodule = \"hello.wasm\"\n", 2, "a wildcard may only be the last segment")]
    [InlineData("[[route]]\nroute = 5\nmodule = \"hello.wasm\"\n", 2, "\"route\" must be a string, not the number 5")]
    [InlineData("[[route]]\nroute = \"/a\"\nmodule = \"hello.wasm\"\nlimits = { timeout = \"fast\" }\n", 4, "\"fast\" is not a duration")]
    [InlineData("[[route]]\nroute = \"/a\"\nmodule = \"hello.wasm\"\nexecutor = \"cgi\"\n", 4, "unknown executor \"cgi\"")]
    [InlineData("listen = \"127.0.0.1:3000\"\n", 0, "no [[route]]")]
    [InlineData("[[route]\nroute = \"/a\"\n", 1, "invalid TOML")]
    public void Kiln_toml_errors_name_the_line_and_the_problem(string toml, int line, string reason)
    {
        var e = Assert.Throws<ManifestException>(() => ManifestLoader.Load(Write("kiln.toml", toml)));
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
        if (line > 0)
        {
            Assert.Equal(line, e.Line);
            Assert.StartsWith(Path.Combine(_dir, "kiln.toml") + ":" + line + ": ", e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("spin_manifest_version = \"1\"\n", "Kiln reads version 2")]
    [InlineData("spin_manifest_version = 2\n[[trigger.http]]\nroute = \"/a\"\ncomponent = \"a\"\n[component.a]\nsource = \"hello.wasm\"\n", "Spin's default HTTP executor needs the component model")]
    [InlineData("spin_manifest_version = 2\n[[trigger.http]]\nroute = \"/a\"\ncomponent = \"b\"\nexecutor = { type = \"wagi\" }\n", "names component \"b\", which has no [component.b]")]
    [InlineData("spin_manifest_version = 2\n[[trigger.http]]\nroute = \"/a\"\ncomponent = { source = { url = \"https://x/y.wasm\", digest = \"sha256:0\" } }\nexecutor = { type = \"wagi\" }\n", "only a local file source is supported")]
    [InlineData("spin_manifest_version = 2\n[[trigger.http]]\nroute = \"/a\"\ncomponent = { source = \"hello.wasm\", files = [\"static/**/*\"] }\nexecutor = { type = \"wagi\" }\n", "glob pattern")]
    public void Spin_toml_errors_say_what_is_unsupported(string toml, string reason)
    {
        var e = Assert.Throws<ManifestException>(() => ManifestLoader.Load(Write("spin.toml", toml)));
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
        Assert.True(e.Line > 0, e.Message);
    }

    [Theory]
    [InlineData("functions:\n  f:\n    handler: nope.wasm\n    events:\n      - http: GET /f\n", 3, "handler \"nope.wasm\" not found")]
    [InlineData("functions:\n  f:\n    events:\n      - http: GET /f\n", 3, "has no \"handler\"")]
    [InlineData("functions:\n  f:\n    handler: hello.wasm\n    events:\n      - http: /f\n", 5, "\"METHOD /path\"")]
    [InlineData("functions:\n  f:\n    handler: hello.wasm\n    timeout: soon\n    events:\n      - http: GET /f\n", 4, "\"timeout\" must be a positive number")]
    [InlineData("functions: [\n  f\n", 3, "invalid YAML")]
    public void Serverless_yml_errors_name_the_line(string yaml, int line, string reason)
    {
        var e = Assert.Throws<ManifestException>(() => ManifestLoader.Load(Write("serverless.yml", yaml)));
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
        Assert.Equal(line, e.Line);
    }

    [Fact]
    public void Unknown_manifest_extension_is_refused()
    {
        var e = Assert.Throws<ManifestException>(() => ManifestLoader.Load(Write("app.json", "{}")));
        Assert.Contains("unknown manifest format", e.Reason, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
