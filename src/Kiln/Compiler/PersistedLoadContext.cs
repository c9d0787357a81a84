using System.Reflection;
using System.Runtime.Loader;

namespace Kiln.Compiler;

/// <summary>
/// The collectible load context of one persisted module's code: it is unloaded once nothing uses the module any more.
/// References to Kiln resolve to the Kiln assembly already loaded (whichever context that is in); everything else to
/// the default context.
/// </summary>
internal sealed class PersistedLoadContext() : AssemblyLoadContext("Kiln.Compiled", isCollectible: true)
{
    private static readonly Assembly Kiln = typeof(PersistedLoadContext).Assembly;

    protected override Assembly? Load(AssemblyName assemblyName) =>
        AssemblyName.ReferenceMatchesDefinition(assemblyName, Kiln.GetName()) ? Kiln : null;
}
