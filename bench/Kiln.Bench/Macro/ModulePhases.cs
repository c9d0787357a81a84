namespace Kiln.Bench.Macro;

/// <summary>Kiln's start-up phases for one module, in milliseconds.</summary>
internal readonly record struct ModulePhases(double DecodeValidateMs, double CompileAllMs, double InstantiateMs);
