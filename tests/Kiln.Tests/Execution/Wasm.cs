using Kiln.Runtime;
using Kiln.Text;
using Kiln.Validation;

namespace Kiln.Tests.Execution;

/// <summary>Parses, validates and instantiates WAT for the execution tests.</summary>
internal static class Wasm
{
    public static Instance Instantiate(string wat, Store? store = null, Func<string, string, ExternValue?>? imports = null)
    {
        var module = WatParser.ParseModule(wat);
        ModuleValidator.Validate(module);
        return Instance.Instantiate(store ?? new Store(), module, imports ?? ((_, _) => null));
    }

    public static int I32(this Instance instance, string name, params Value[] args) => instance.Invoke(name, args)[0].AsI32;

    public static long I64(this Instance instance, string name, params Value[] args) => instance.Invoke(name, args)[0].AsI64;

    public static TrapException Trap(this Instance instance, string name, params Value[] args) =>
        Assert.Throws<TrapException>(() => instance.Invoke(name, args));
}
