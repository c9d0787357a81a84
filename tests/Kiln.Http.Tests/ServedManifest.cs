using Kiln.Http.Manifests;

namespace Kiln.Http.Tests;

/// <summary>A manifest from examples/http served on a free loopback port for the duration of a test class.</summary>
public abstract class ServedManifest : IAsyncLifetime
{
    private readonly string _manifest;
    private WasmServer? _server;

    protected ServedManifest(string manifest)
    {
        _manifest = manifest;
    }

    public HttpClient Client { get; private set; } = null!;

    public StringWriter AccessLog { get; } = new();

    public WasmServer Server => _server!;

    public async Task InitializeAsync()
    {
        var manifest = ManifestLoader.Load(Examples.File(_manifest));
        _server = WasmServer.Create(manifest, new WasmServerOptions { Listen = "127.0.0.1:0", AccessLog = AccessLog });
        await _server.StartAsync();
        Client = new HttpClient { BaseAddress = _server.Addresses[0], Timeout = TimeSpan.FromSeconds(20) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

public sealed class KilnTomlServer() : ServedManifest("kiln.toml");

public sealed class SpinTomlServer() : ServedManifest("spin.toml");

public sealed class ServerlessYmlServer() : ServedManifest("serverless.yml");
