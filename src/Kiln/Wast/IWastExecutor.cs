using Kiln.Binary;
using Kiln.Text;

namespace Kiln.Wast;

/// <summary>
/// The seam between the script runner and an execution engine: one executor per script (its own store).
/// The runner decodes, validates and links modules itself; the executor instantiates and runs them.
/// </summary>
/// <remarks>
/// Failures are reported by throwing: <see cref="WastTrapException"/> for a trap (its message the spec's, e.g.
/// <c>"integer divide by zero"</c>, <c>"call stack exhausted"</c>), <see cref="WastThrowException"/> for an
/// uncaught Wasm exception. Any other exception is reported as a failure of the command with its message.
/// </remarks>
internal interface IWastExecutor
{
    /// <summary>
    /// Instantiates a valid <paramref name="module"/>; <paramref name="imports"/>[i] is what
    /// <c>module.Imports[i]</c> resolved to (already type-checked). Runs active segments and the start function;
    /// when one traps, throws <see cref="WastTrapException"/>, and writes already made to imported tables and
    /// memories stay. Returns a handle the runner passes back to the other members.
    /// </summary>
    object Instantiate(WasmModule module, IReadOnlyList<WastExtern> imports);

    /// <summary>Calls the exported function <paramref name="name"/> of <paramref name="instance"/>.</summary>
    WastValue[] Invoke(object instance, string name, WastValue[] args);

    /// <summary>Reads the exported global <paramref name="name"/> of <paramref name="instance"/>.</summary>
    WastValue Get(object instance, string name);

    /// <summary>
    /// The current size (pages or elements) of the exported memory or table <paramref name="name"/> of
    /// <paramref name="instance"/>, or null when unknown. Import matching takes it as the minimum, since a grown
    /// memory or table satisfies imports that ask for more than it started with.
    /// </summary>
    ulong? CurrentSize(object instance, string name);
}
