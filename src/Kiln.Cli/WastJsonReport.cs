using System.Text.Encodings.Web;
using System.Text.Json;
using Kiln.Wast;

namespace Kiln.Cli;

/// <summary>
/// Writes <c>kiln wast --json</c> output (quotes and non-ASCII text kept readable, as messages quote a lot): <c>{"files": [{"file", "passed", "failed", "failures": [{"line",
/// "command", "message"}]}]}</c>.
/// </summary>
internal static class WastJsonReport
{
    public static void Write(string path, IEnumerable<WastFileResult> results)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartArray("files");
        foreach (var result in results)
        {
            json.WriteStartObject();
            json.WriteString("file", result.File);
            json.WriteNumber("passed", result.Passed);
            json.WriteNumber("failed", result.Failed);
            json.WriteStartArray("failures");
            foreach (var failure in result.Failures)
            {
                json.WriteStartObject();
                json.WriteNumber("line", failure.Line);
                json.WriteString("command", failure.Command);
                json.WriteString("message", failure.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
