namespace Kiln.Wasi.Tests.Host;

/// <summary>Random arguments and memory: a WASI call returns an errno or traps, never throws anything else or escapes.</summary>
public sealed class HostileGuestTests
{
    [Fact]
    public void Random_calls_only_return_errnos_or_trap()
    {
        using var h = new HostFixture();
        File.WriteAllText(Path.Combine(h.SandboxPath, "f"), "data");
        Directory.CreateDirectory(Path.Combine(h.SandboxPath, "d"));
        File.CreateSymbolicLink(Path.Combine(h.SandboxPath, "up"), "..");
        var random = new Random(12345);
        var functions = WasiPreview1.Functions;
        string[] names = ["f", "d", "up", "..", "../outside/canary.txt", "/", "d/../f", "up/outside/canary.txt", "x", "d/y"];
        var other = new List<string>();
        for (int call = 0; call < 20000; call++)
        {
            int index = random.Next(functions.Count);
            var f = functions[index];
            // poll_oneoff could sleep for a random time and proc_exit always throws; both have their own tests.
            if (f.Name is "poll_oneoff" or "proc_exit" or "sock_accept")
            {
                continue;
            }
            random.NextBytes(h.Memory.AsSpan(0, 4096));
            var args = new long[f.Parameters.Length];
            for (int i = 0; i < args.Length; i++)
            {
                args[i] = random.Next(6) switch
                {
                    0 => random.Next(8),
                    1 => random.Next(65536),
                    2 => random.Next(256) * 8,
                    3 => random.NextInt64(),
                    4 => -random.Next(3),
                    _ => random.Next(16),
                };
            }
            // Put a plausible path at 8192 and point the string arguments of path_* calls at it now and then.
            if (f.Name.StartsWith("path_", StringComparison.Ordinal) && random.Next(2) == 0)
            {
                int len = h.Put(8192, names[random.Next(names.Length)]);
                for (int i = 1; i + 1 < args.Length; i++)
                {
                    if (random.Next(2) == 0)
                    {
                        args[i] = 8192;
                        args[i + 1] = len;
                    }
                }
            }
            try
            {
                int errno = h.Wasi.Invoke(index, h.Guest, args);
                Assert.InRange(errno, 0, 76);
            }
            catch (WasiTrapException)
            {
            }
            catch (Exception e)
            {
                other.Add($"{f.Name}({string.Join(", ", args)}): {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.Empty(other.Distinct().Take(10));
        Assert.Equal("canary", File.ReadAllText(Path.Combine(h.Root, "outside", "canary.txt")));
        Assert.Equal(["canary.txt"], Directory.GetFileSystemEntries(Path.Combine(h.Root, "outside")).Select(Path.GetFileName));
    }

    [Fact]
    public void Random_poll_subscriptions_only_return_errnos_or_trap()
    {
        using var h = new HostFixture();
        File.WriteAllText(Path.Combine(h.SandboxPath, "f"), "data");
        Assert.Equal(Errno.Success, h.Open("f", 0, out _));
        var random = new Random(777);
        for (int call = 0; call < 2000; call++)
        {
            int n = random.Next(4);
            for (int i = 0; i < n; i++)
            {
                int at = i * 48;
                h.Memory.AsSpan(at, 48).Clear();
                h.SetU64(at, (ulong)i);
                h.Memory[at + 8] = (byte)random.Next(4);
                h.SetU32(at + 16, (uint)random.Next(7));
                h.SetU64(at + 24, (ulong)random.Next(200_000));
                h.Memory[at + 40] = (byte)random.Next(3);
            }
            int events = random.Next(10) == 0 ? 65530 : 4096;
            try
            {
                var e = h.Wasi.PollOneoff(h.Guest, 0, events, n, 8000);
                Assert.True(e is Errno.Success or Errno.Inval or Errno.Badf, e.ToString());
                if (e == Errno.Success)
                {
                    Assert.InRange(h.U32(8000), 1u, (uint)n);
                }
            }
            catch (WasiTrapException)
            {
            }
        }
    }
}
