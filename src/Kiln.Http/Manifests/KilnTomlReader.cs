using Tomlyn.Model;

namespace Kiln.Http.Manifests;

/// <summary>
/// Reads <c>kiln.toml</c>, Kiln's own manifest: an optional <c>listen</c>, default <c>[limits]</c>, and one
/// <c>[[route]]</c> per route with <c>route</c>, <c>module</c> and optional <c>methods</c>, <c>name</c>,
/// <c>executor</c>, <c>env</c>, <c>files</c>, <c>allowed_outbound_hosts</c>, <c>argv</c>, <c>entrypoint</c>,
/// <c>limits</c>. Paths are relative to the manifest's folder. See <c>docs/serve.md</c>.
/// </summary>
internal static class KilnTomlReader
{
    private static readonly string[] RouteKeys =
        ["route", "methods", "module", "name", "executor", "env", "files", "allowed_outbound_hosts", "argv", "entrypoint", "limits"];

    private static readonly string[] LimitKeys = ["timeout", "max_memory", "fuel", "max_request_body", "max_response"];

    public static ServeManifest Read(string path, string text, HandlerLimits fallback)
    {
        var doc = TomlDocument.Parse(path, text);
        var root = doc.Root;
        doc.RejectUnknown(root, "the manifest", "listen", "limits", "route");
        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var defaults = (doc.Table(root, "limits") is { } l ? Limits(doc, l) : HandlerLimits.None).Or(fallback);
        if (!root.TryGetValue("route", out var routesValue) || routesValue is not TomlTableArray routes || routes.Count == 0)
        {
            throw doc.Error(root, "route", routesValue is null ? "the manifest has no [[route]]" : "\"route\" must be an array of tables ([[route]])");
        }

        var list = new List<RouteSpec>();
        foreach (var table in routes)
        {
            list.Add(Route(doc, table, dir, defaults));
        }

        return new ServeManifest { SourcePath = Path.GetFullPath(path), Routes = list, Listen = doc.String(root, "listen") };
    }

    private static RouteSpec Route(TomlDocument doc, TomlTable t, string dir, HandlerLimits defaults)
    {
        doc.RejectUnknown(t, "[[route]]", RouteKeys);
        string routeText = doc.RequiredString(t, "route", "a [[route]]");
        RoutePattern pattern;
        try
        {
            pattern = RoutePattern.Parse(routeText);
        }
        catch (FormatException e)
        {
            throw doc.Error(t, "route", e.Message);
        }

        string module = doc.RequiredString(t, "module", $"route \"{routeText}\"");
        string modulePath = Path.GetFullPath(Path.Combine(dir, module));
        if (!File.Exists(modulePath))
        {
            throw doc.Error(t, "module", $"route \"{routeText}\": module \"{module}\" not found (looked for {modulePath})");
        }

        var methods = doc.Strings(t, "methods") ?? [];
        foreach (var m in methods)
        {
            if (m.Length == 0 || m.Any(c => !char.IsAsciiLetter(c)))
            {
                throw doc.Error(t, "methods", $"route \"{routeText}\": \"{m}\" is not an HTTP method");
            }
        }

        string executor = doc.String(t, "executor") ?? WagiExecutor.Name;
        if (executor != WagiExecutor.Name)
        {
            throw doc.Error(t, "executor", $"route \"{routeText}\": unknown executor \"{executor}\" (supported: {WagiExecutor.Name})");
        }

        var handler = new HandlerSpec
        {
            Name = doc.String(t, "name") ?? Path.GetFileNameWithoutExtension(modulePath),
            ModulePath = modulePath,
            Executor = executor,
            Environment = doc.StringMap(t, "env") ?? [],
            Files = Files(doc, t, dir, routeText),
            AllowedOutboundHosts = doc.Strings(t, "allowed_outbound_hosts") ?? [],
            Limits = (doc.Table(t, "limits") is { } l ? Limits(doc, l) : HandlerLimits.None).Or(defaults),
            Argv = doc.String(t, "argv") ?? HandlerSpec.DefaultArgv,
            Entrypoint = doc.String(t, "entrypoint") ?? "_start",
        };
        return new RouteSpec(pattern, [.. methods.Select(m => m.ToUpperInvariant())], handler);
    }

    private static List<HandlerFile> Files(TomlDocument doc, TomlTable t, string dir, string route)
    {
        var files = new List<HandlerFile>();
        if (doc.Array(t, "files") is not { } array)
        {
            return files;
        }

        foreach (var item in array)
        {
            if (item is not TomlTable f)
            {
                throw doc.Error(t, "files", $"route \"{route}\": each entry of \"files\" is a table {{ source = \"dir\", destination = \"/dir\" }}");
            }

            doc.RejectUnknown(f, "a files entry", "source", "destination", "writable");
            string source = doc.RequiredString(f, "source", "a files entry");
            string host = Path.GetFullPath(Path.Combine(dir, source));
            if (!Directory.Exists(host))
            {
                throw doc.Error(f, "source", $"route \"{route}\": \"{source}\" is not a directory (looked for {host})");
            }

            bool writable = f.TryGetValue("writable", out var w) && (w as bool? ?? throw doc.Error(f, "writable", "\"writable\" must be true or false"));
            files.Add(new HandlerFile(host, doc.String(f, "destination") ?? "/", !writable));
        }

        return files;
    }

    /// <summary>Reads a <c>limits</c> table: <c>timeout</c>, <c>max_memory</c>, <c>fuel</c>, <c>max_request_body</c>, <c>max_response</c>.</summary>
    internal static HandlerLimits Limits(TomlDocument doc, TomlTable t)
    {
        doc.RejectUnknown(t, "limits", LimitKeys);
        TimeSpan? timeout;
        try
        {
            timeout = doc.String(t, "timeout") is { } d ? ManifestValues.Duration(d) : null;
        }
        catch (FormatException e)
        {
            throw doc.Error(t, "timeout", e.Message);
        }

        return new HandlerLimits
        {
            Timeout = timeout,
            MaxMemoryBytes = Size(doc, t, "max_memory"),
            Fuel = doc.Integer(t, "fuel") is { } f ? (f > 0 ? (ulong)f : throw doc.Error(t, "fuel", "\"fuel\" must be positive")) : null,
            MaxRequestBodyBytes = Size(doc, t, "max_request_body"),
            MaxResponseBytes = Size(doc, t, "max_response"),
        };
    }

    // A size is a string ("64MiB") or a plain integer of bytes.
    private static long? Size(TomlDocument doc, TomlTable t, string key)
    {
        if (!t.TryGetValue(key, out var v))
        {
            return null;
        }

        try
        {
            return v switch
            {
                long n when n > 0 => n,
                string s => ManifestValues.Size(s),
                _ => throw doc.Error(t, key, $"\"{key}\" must be a size such as \"64MiB\" or a positive number of bytes"),
            };
        }
        catch (FormatException e)
        {
            throw doc.Error(t, key, e.Message);
        }
    }
}
