using Kiln.Binary;

namespace Kiln.Runtime.Gc;

/// <summary>
/// Lock-free subtype checks for casts: per canonical type id, its chain of declared supertypes from the root
/// (a "display"), so <c>sub &lt;: super</c> is one array read and compare at the depth of <c>super</c>.
/// Modules register their types before their code can create or test objects; ids nobody registered (a host
/// function's type, say) fall back to <see cref="TypeRegistry.IsSubtype"/>.
/// </summary>
internal static class SubtypeDisplay
{
    private static readonly Lock Gate = new();
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<int[], object> Registered = [];
    private static int[]?[] _chains = new int[]?[64];

    /// <summary>Registers every type of <paramref name="module"/>, whose canonical ids are <paramref name="typeIds"/> (once per module).</summary>
    public static void Register(WasmModule module, int[] typeIds)
    {
        if (Registered.TryGetValue(typeIds, out _))
        {
            return;
        }

        lock (Gate)
        {
            if (!Registered.TryAdd(typeIds, typeIds))
            {
                return;
            }

            var chains = _chains;
            int max = typeIds.Length == 0 ? 0 : typeIds.Max();
            if (max >= chains.Length)
            {
                Array.Resize(ref chains, Math.Max(max + 1, chains.Length * 2));
            }

            // Supertypes precede their subtypes in the type section, so one pass in order sees every parent first.
            for (int i = 0; i < typeIds.Length; i++)
            {
                int id = typeIds[i];
                if (chains[id] is not null)
                {
                    continue;
                }

                var supers = module.Types[i].SuperTypes;
                int[] parent = supers.Length > 0 ? chains[typeIds[supers[0]]] ?? [] : [];
                chains[id] = [.. parent, id];
            }

            Volatile.Write(ref _chains, chains);
        }
    }

    /// <summary>True when canonical type <paramref name="sub"/> is <paramref name="super"/> or declares it as an ancestor.</summary>
    public static bool IsSubtype(int sub, int super)
    {
        var chains = Volatile.Read(ref _chains);
        if ((uint)sub < (uint)chains.Length && (uint)super < (uint)chains.Length
            && chains[sub] is { } subChain && chains[super] is { } superChain)
        {
            int depth = superChain.Length - 1;
            return depth < subChain.Length && subChain[depth] == super;
        }

        return TypeRegistry.IsSubtype(sub, super);
    }
}
