using Kiln.Binary;
using Kiln.Runtime;

namespace Kiln;

/// <summary>
/// What a <see cref="Linker"/> knows under one name: a host function (<see cref="Type"/> and <see cref="Host"/>, bound
/// to each new instance's <see cref="Caller"/>) or another instance's export (<see cref="Value"/> in <see cref="Store"/>).
/// </summary>
internal sealed record LinkerDefinition(FuncType? Type, Func<Caller, HostCallback>? Host, ExternValue Value, StoreHandle? Store);
