// The physical limit of `kiln serve` on this machine: the same server stack (Kestrel, slim builder, no logging)
// returning the same response as examples/http/hello.wasm, without running any WebAssembly.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
var app = builder.Build();
byte[] hello = "Hello from Kiln!\n"u8.ToArray();
app.Map("/{**path}", context =>
{
    context.Response.ContentType = "text/plain";
    context.Response.ContentLength = hello.Length;
    return context.Response.Body.WriteAsync(hello).AsTask();
});
app.Run();
