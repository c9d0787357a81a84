using Tomlyn.Model;

namespace Kiln.Http.Manifests;

/// <summary>
/// Reads Spin's <c>spin.toml</c>, manifest version 2, as it is: <c>[[trigger.http]]</c> routes (with
/// <c>[application.trigger.http] base</c>) whose <c>executor = { type = "wagi" }</c>, and the <c>[component.ID]</c>
/// tables they name (<c>source</c>, <c>environment</c>, <c>files</c>, <c>allowed_outbound_hosts</c>). Spin's default
/// executor runs components through <c>wasi:http</c>, which needs the component model: such routes are refused by name.
/// </summary>
internal static class SpinTomlReader
{
    public static ServeManifest Read(string path, string text, HandlerLimits defaults)
    {
        var doc = TomlDocument.Parse(path, text);
        var root = doc.Root;
        root.TryGetValue("spin_manifest_version", out var version);
        if (version is not (2L or "2"))
        {
            throw doc.Error(root, "spin_manifest_version", version is null
                ? "not a Spin manifest version 2 (no spin_manifest_version = 2)"
                : $"spin_manifest_version {version} is not supported: Kiln reads version 2 (Spin 2 and later)");
        }

        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string basePath = "/";
        if (doc.Table(root, "application") is { } app && doc.Table(app, "trigger") is { } appTrigger && doc.Table(appTrigger, "http") is { } appHttp)
        {
            basePath = doc.String(appHttp, "base") ?? "/";
        }

        var triggers = doc.Table(root, "trigger") is { } trigger && trigger.TryGetValue("http", out var http)
            ? http as TomlTableArray ?? throw doc.Error(trigger, "http", "\"trigger.http\" must be an array of tables ([[trigger.http]])")
            : throw doc.Error(root, null, "the manifest has no [[trigger.http]]: Kiln serves HTTP triggers only");
        var components = doc.Table(root, "component") ?? [];
        var handlers = new Dictionary<string, HandlerSpec>(StringComparer.Ordinal);
        var routes = new List<RouteSpec>();
        int inline = 0;
        foreach (var t in triggers)
        {
            if (!t.TryGetValue("route", out var routeValue))
            {
                throw doc.Error(t, null, "a [[trigger.http]] has no \"route\"");
            }

            if (routeValue is TomlTable privateRoute)
            {
                // `route = { private = true }`: reachable only through service chaining, which WAGI has no way to call.
                if (privateRoute.TryGetValue("private", out var p) && p is true)
                {
                    continue;
                }

                throw doc.Error(t, "route", "\"route\" must be a string or { private = true }");
            }

            string route = routeValue as string ?? throw doc.Error(t, "route", "\"route\" must be a string");
            RoutePattern pattern;
            try
            {
                pattern = RoutePattern.Parse(Join(basePath, route));
            }
            catch (FormatException e)
            {
                throw doc.Error(t, "route", e.Message);
            }

            var executor = Executor(doc, t, route);
            HandlerSpec spec;
            if (t.TryGetValue("component", out var c) && c is TomlTable inlineComponent)
            {
                spec = Component(doc, inlineComponent, $"inline-{++inline}", dir, defaults, executor);
            }
            else
            {
                string id = c as string ?? throw doc.Error(t, "component", $"trigger route \"{route}\" has no \"component\" (an id or an inline table)");
                if (!handlers.TryGetValue(id, out spec!))
                {
                    var table = doc.Table(components, id) ?? throw doc.Error(t, "component", $"trigger route \"{route}\" names component \"{id}\", which has no [component.{id}]");
                    spec = Component(doc, table, id, dir, defaults, executor);
                    handlers[id] = spec;
                }
            }

            routes.Add(new RouteSpec(pattern, [], spec));
        }

        if (routes.Count == 0)
        {
            throw doc.Error(root, "trigger", "the manifest has no public HTTP route");
        }

        return new ServeManifest { SourcePath = Path.GetFullPath(path), Routes = routes };
    }

    private static (string Argv, string Entrypoint) Executor(TomlDocument doc, TomlTable trigger, string route)
    {
        const string Hint = "Kiln runs Spin components with executor = { type = \"wagi\" }; Spin's default HTTP executor needs the component model (wasi:http)";
        if (doc.Table(trigger, "executor") is not { } e)
        {
            throw doc.Error(trigger, null, $"trigger route \"{route}\" has no executor: {Hint}");
        }

        string type = doc.String(e, "type") ?? "";
        if (type != WagiExecutor.Name)
        {
            throw doc.Error(e, "type", $"trigger route \"{route}\": executor type \"{type}\" is not supported: {Hint}");
        }

        return (doc.String(e, "argv") ?? HandlerSpec.DefaultArgv, doc.String(e, "entrypoint") ?? "_start");
    }

    private static HandlerSpec Component(TomlDocument doc, TomlTable c, string id, string dir, HandlerLimits defaults, (string Argv, string Entrypoint) executor)
    {
        if (!c.TryGetValue("source", out var source))
        {
            throw doc.Error(c, null, $"component \"{id}\" has no \"source\"");
        }

        string module = source as string
            ?? throw doc.Error(c, "source", $"component \"{id}\": only a local file source is supported (source = \"path/to/handler.wasm\"), not a URL or registry reference");
        string modulePath = Path.GetFullPath(Path.Combine(dir, module));
        if (!File.Exists(modulePath))
        {
            throw doc.Error(c, "source", $"component \"{id}\": source \"{module}\" not found (looked for {modulePath})");
        }

        return new HandlerSpec
        {
            Name = id,
            ModulePath = modulePath,
            Executor = WagiExecutor.Name,
            Environment = doc.StringMap(c, "environment") ?? [],
            Files = Files(doc, c, id, dir),
            AllowedOutboundHosts = doc.Strings(c, "allowed_outbound_hosts") ?? [],
            Limits = defaults,
            Argv = executor.Argv,
            Entrypoint = executor.Entrypoint,
        };
    }

    // Spin's `files`: "dir" (a directory, mounted at the same relative path) or { source = "dir", destination = "/path" }.
    // Glob patterns and single files are refused: a WASI preopen is a directory.
    private static List<HandlerFile> Files(TomlDocument doc, TomlTable c, string id, string dir)
    {
        var files = new List<HandlerFile>();
        if (doc.Array(c, "files") is not { } array)
        {
            return files;
        }

        foreach (var item in array)
        {
            (string source, string destination) = item switch
            {
                string s => (s, "/" + s.Trim('/')),
                TomlTable t => (doc.RequiredString(t, "source", "a files entry"), doc.RequiredString(t, "destination", "a files entry")),
                _ => throw doc.Error(c, "files", $"component \"{id}\": a files entry is a directory name or {{ source, destination }}"),
            };
            if (source.IndexOfAny(['*', '?', '[']) >= 0)
            {
                throw doc.Error(c, "files", $"component \"{id}\": glob pattern \"{source}\" is not supported; map a directory with {{ source = \"dir\", destination = \"/dir\" }}");
            }

            string host = Path.GetFullPath(Path.Combine(dir, source));
            if (!Directory.Exists(host))
            {
                throw doc.Error(c, "files", $"component \"{id}\": \"{source}\" is not a directory (looked for {host}); Kiln maps directories only");
            }

            files.Add(new HandlerFile(host, destination));
        }

        return files;
    }

    private static string Join(string basePath, string route)
    {
        string b = basePath.TrimEnd('/');
        return b.Length == 0 ? route : b + "/" + route.TrimStart('/');
    }
}
