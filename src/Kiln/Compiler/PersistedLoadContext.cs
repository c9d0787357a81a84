using System.Reflection;
using System.Runtime.Loader;

namespace Kiln.Compiler;

/// <summary>
/// The load context of one persisted module's code, collectible so that a later change can unload it with the module
/// (see docs/compile.md: nothing calls <see cref="AssemblyLoadContext.Unload"/> yet).
/// References to Kiln resolve to the Kiln assembly already loaded (whichever context that is in); everything else to
/// the default context.
/// </summary>
internal sealed class PersistedLoadContext() : AssemblyLoadContext("Kiln.Compiled", isCollectible: true)
{
    private static readonly Assembly Kiln = typeof(PersistedLoadContext).Assembly;

    protected override Assembly? Load(AssemblyName assemblyName) =>
        AssemblyName.ReferenceMatchesDefinition(assemblyName, Kiln.GetName()) ? Kiln : null;
}
