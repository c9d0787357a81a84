using System.Security.Cryptography;
using System.Text;

namespace Kiln.Wasi.Tests.Fixtures;

/// <summary>
/// A fresh directory tree for one fixture run: <c>sandbox/</c> (preopen "sandbox", fd 3, writable),
/// <c>ro/</c> (preopen "ro", fd 4, read-only) and <c>outside/</c> with a canary file no guest may reach.
/// </summary>
internal sealed class Scenario : IDisposable
{
    internal const string CanaryText = "canary: must never change\n";

    internal Scenario()
    {
        Root = Directory.CreateTempSubdirectory("kiln-wasi-").FullName;
        Directory.CreateDirectory(Sandbox);
        Directory.CreateDirectory(ReadOnly);
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Path.Combine(Outside, "canary.txt"), CanaryText);
        File.WriteAllText(Path.Combine(ReadOnly, "data.txt"), "read-only data\n");
        Directory.CreateDirectory(Path.Combine(ReadOnly, "sub"));
        File.WriteAllText(Path.Combine(Sandbox, "hello.txt"), "hello, sandbox\n");
        Directory.CreateDirectory(Path.Combine(Sandbox, "dir"));
        File.WriteAllText(Path.Combine(Sandbox, "dir", "inner.txt"), "inner\n");
        // Host-made symlinks: out of the sandbox relatively and absolutely, and a harmless one inside.
        File.CreateSymbolicLink(Path.Combine(Sandbox, "hostlink-rel"), "../outside/canary.txt");
        File.CreateSymbolicLink(Path.Combine(Sandbox, "hostlink-abs"), Path.Combine(Outside, "canary.txt"));
        Directory.CreateSymbolicLink(Path.Combine(Sandbox, "hostlink-dir"), "../outside");
        File.CreateSymbolicLink(Path.Combine(Sandbox, "hostlink-in"), "dir/inner.txt");
        Directory.CreateSymbolicLink(Path.Combine(Sandbox, "dirlink"), "dir");
        File.CreateSymbolicLink(Path.Combine(Sandbox, "updown"), "dir/../dir/inner.txt");
        File.CreateSymbolicLink(Path.Combine(Sandbox, "loop1"), "loop2");
        File.CreateSymbolicLink(Path.Combine(Sandbox, "loop2"), "loop1");
        StdinPath = Path.Combine(Root, "stdin.txt");
        File.WriteAllText(StdinPath, "line one\nline two\n");
    }

    internal string Root { get; }

    internal string Sandbox => Path.Combine(Root, "sandbox");

    internal string ReadOnly => Path.Combine(Root, "ro");

    internal string Outside => Path.Combine(Root, "outside");

    internal string StdinPath { get; }

    /// <summary>Every entry below the root (stdin excluded): type, size, content hash or link target. Times are left out.</summary>
    internal string Snapshot()
    {
        var sb = new StringBuilder();
        Walk(Root, sb);
        return sb.ToString();
    }

    // Lists entries without following symlinks: a guest-made link to ".." must not send the walk in circles.
    private void Walk(string dir, StringBuilder sb)
    {
        foreach (var path in Directory.GetFileSystemEntries(dir).Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(Root, path);
            if (rel == "stdin.txt")
            {
                continue;
            }
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target)
            {
                sb.Append(rel).Append(" -> ").AppendLine(target);
            }
            else if (Directory.Exists(path))
            {
                sb.Append(rel).AppendLine("/");
                Walk(path, sb);
            }
            else
            {
                var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))[..16];
                sb.Append(rel).Append(' ').Append(info.Length).Append(' ').AppendLine(hash);
            }
        }
    }

    internal string Canary() => File.ReadAllText(Path.Combine(Outside, "canary.txt"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
