namespace Kiln.Text;

/// <summary><c>(invoke $m? "name" args...)</c> or <c>(get $m? "name")</c>: <see cref="Module"/> is the <c>$name</c> of a module or instance, or null for the latest.</summary>
internal sealed record WastAction(bool IsGet, string? Module, string Field, WastValue[] Args);
