using System.Net.Sockets;

namespace Kiln.Wasi;

/// <summary>A socket: a preopened listening socket, or a connection accepted from one.</summary>
internal sealed class SocketDescriptor(Socket socket, bool nonBlocking) : Descriptor
{
    internal Socket Socket { get; } = socket;

    internal bool NonBlocking { get; set; } = nonBlocking;

    public override void Dispose() => Socket.Dispose();
}
