using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace Kiln.Http.Manifests;

/// <summary>
/// A parsed TOML manifest that remembers where each key was written, so errors can name the line; and typed getters
/// that fail with a <see cref="ManifestException"/> saying which key has which wrong type.
/// </summary>
internal sealed class TomlDocument
{
    private readonly TomlMetadataStore _metadata;

    private TomlDocument(string file, TomlTable root, TomlMetadataStore metadata)
    {
        File = file;
        Root = root;
        _metadata = metadata;
    }

    public string File { get; }

    public TomlTable Root { get; }

    /// <summary>Parses <paramref name="text"/>; a syntax error becomes a <see cref="ManifestException"/> with its line.</summary>
    public static TomlDocument Parse(string file, string text)
    {
        var metadata = new TomlMetadataStore();
        var options = new TomlSerializerOptions { SourceName = file, MetadataStore = metadata };
        try
        {
            var root = TomlSerializer.Deserialize<TomlTable>(text, options) ?? new TomlTable();
            return new TomlDocument(file, root, metadata);
        }
        catch (TomlException e)
        {
            string reason = e.Diagnostics is { Count: > 0 } d ? d[0].Message : e.Message;
            throw new ManifestException(file, e.Line ?? 0, "invalid TOML: " + reason, e);
        }
    }

    /// <summary>The 1-based line of <paramref name="key"/> in <paramref name="table"/>, or of the table's first key, or 0.</summary>
    public int LineOf(TomlTable table, string? key = null)
    {
        if (!_metadata.TryGetProperties(table, out var props) || props is null)
        {
            return 0;
        }

        if (key is not null && props.TryGetProperty(key, out var meta) && meta?.Span is { } span)
        {
            return span.Start.Line + 1;
        }

        int first = int.MaxValue;
        foreach (var k in table.Keys)
        {
            if (props.TryGetProperty(k, out var m) && m?.Span is { } s)
            {
                first = Math.Min(first, s.Start.Line + 1);
            }
        }

        return first == int.MaxValue ? 0 : first;
    }

    public ManifestException Error(TomlTable table, string? key, string reason) => new(File, LineOf(table, key), reason);

    public string? String(TomlTable table, string key) => Get<string>(table, key, "a string");

    public string RequiredString(TomlTable table, string key, string what) =>
        String(table, key) ?? throw Error(table, null, $"{what} has no \"{key}\"");

    public TomlTable? Table(TomlTable table, string key) => Get<TomlTable>(table, key, "a table");

    public TomlArray? Array(TomlTable table, string key) => Get<TomlArray>(table, key, "an array");

    public long? Integer(TomlTable table, string key) => Get<long?>(table, key, "an integer");

    /// <summary>An array of strings; null when the key is absent.</summary>
    public List<string>? Strings(TomlTable table, string key)
    {
        if (Array(table, key) is not { } array)
        {
            return null;
        }

        var list = new List<string>();
        foreach (var item in array)
        {
            list.Add(item as string ?? throw Error(table, key, $"\"{key}\" must be an array of strings"));
        }

        return list;
    }

    /// <summary>A table of string values (environment variables), in file order; null when absent.</summary>
    public List<KeyValuePair<string, string>>? StringMap(TomlTable table, string key)
    {
        if (Table(table, key) is not { } map)
        {
            return null;
        }

        var list = new List<KeyValuePair<string, string>>();
        foreach (var (k, v) in map)
        {
            list.Add(new(k, v as string ?? throw Error(map, k, $"\"{key}.{k}\" must be a string")));
        }

        return list;
    }

    /// <summary>Fails on a key of <paramref name="table"/> not in <paramref name="known"/>: a typo should not pass silently.</summary>
    public void RejectUnknown(TomlTable table, string what, params string[] known)
    {
        foreach (var k in table.Keys)
        {
            if (!known.Contains(k, StringComparer.Ordinal))
            {
                throw Error(table, k, $"unknown key \"{k}\" in {what} (known: {string.Join(", ", known)})");
            }
        }
    }

    private T? Get<T>(TomlTable table, string key, string type)
    {
        if (!table.TryGetValue(key, out var value))
        {
            return default;
        }

        if (value is T t)
        {
            return t;
        }

        throw Error(table, key, $"\"{key}\" must be {type}, not {Describe(value)}");
    }

    private static string Describe(object? value) => value switch
    {
        string s => $"the string \"{s}\"",
        long or double => $"the number {value}",
        bool b => b ? "true" : "false",
        TomlTable => "a table",
        TomlArray or TomlTableArray => "an array",
        _ => value?.GetType().Name ?? "nothing",
    };
}
