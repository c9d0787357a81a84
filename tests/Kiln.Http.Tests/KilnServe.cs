using System.Diagnostics;
using System.Text;

namespace Kiln.Http.Tests;

/// <summary>A `kiln serve` process started from the test output folder (Kiln.Cli.dll), with its output captured.</summary>
internal sealed class KilnServe : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private KilnServe(string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Kiln.Cli.dll"));
        start.ArgumentList.Add("serve");
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _address.TrySetException(new InvalidOperationException("kiln serve exited: " + _error));
                return;
            }

            lock (_output)
            {
                _output.Append(e.Data).Append('\n');
            }

            if (e.Data.StartsWith("Serving on ", StringComparison.Ordinal))
            {
                _address.TrySetResult(new Uri(e.Data["Serving on ".Length..]));
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_error)
                {
                    _error.Append(e.Data).Append('\n');
                }
            }
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address => _address.Task.Result;

    public static async Task<KilnServe> StartAsync(params string[] args)
    {
        var kiln = new KilnServe(args);
        await kiln._address.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return kiln;
    }

    public static async Task<(int Code, string Output, string Error)> RunToEndAsync(params string[] args)
    {
        using var kiln = new KilnServe(args);
        await kiln._process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return kiln.Result();
    }

    /// <summary>Sends SIGTERM, as a service manager would, and waits for the exit.</summary>
    public async Task<(int Code, string Output, string Error)> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return Result();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private (int, string, string) Result()
    {
        // WaitForExit without a timeout also waits for the redirected streams to drain.
        _process.WaitForExit();
        lock (_output)
        {
            lock (_error)
            {
                return (_process.ExitCode, _output.ToString(), _error.ToString());
            }
        }
    }
}
