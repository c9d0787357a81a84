using Kiln.Binary;

namespace Kiln.Inspection;

/// <summary>
/// Readers for the custom sections toolchains write (tool conventions, not the core spec): <c>producers</c> (the
/// languages, tools and SDKs that built the module) and <c>target_features</c> (the proposals it was built for).
/// Both are advisory, so a malformed one reads as null rather than failing the inspection.
/// </summary>
internal static class ToolSections
{
    /// <summary>The fields of a <c>producers</c> section (<c>language</c>, <c>processed-by</c>, <c>sdk</c>), each with its (name, version) pairs.</summary>
    public static IReadOnlyList<(string Field, IReadOnlyList<(string Name, string Version)> Values)>? ReadProducers(ReadOnlySpan<byte> content)
    {
        try
        {
            var r = new WasmReader(content);
            var fields = new List<(string, IReadOnlyList<(string, string)>)>();
            for (int i = r.ReadCount(); i > 0; i--)
            {
                string field = r.ReadName();
                var values = new List<(string, string)>();
                for (int j = r.ReadCount(); j > 0; j--)
                {
                    values.Add((r.ReadName(), r.ReadName()));
                }

                fields.Add((field, values));
            }

            return r.AtEnd ? fields : null;
        }
        catch (WasmDecodeException)
        {
            return null;
        }
    }

    /// <summary>The entries of a <c>target_features</c> section as the prefix and name, e.g. <c>+bulk-memory</c>.</summary>
    public static IReadOnlyList<string>? ReadTargetFeatures(ReadOnlySpan<byte> content)
    {
        try
        {
            var r = new WasmReader(content);
            var features = new List<string>();
            for (int i = r.ReadCount(); i > 0; i--)
            {
                char prefix = (char)r.ReadByte();
                features.Add(prefix + r.ReadName());
            }

            return r.AtEnd ? features : null;
        }
        catch (WasmDecodeException)
        {
            return null;
        }
    }
}
