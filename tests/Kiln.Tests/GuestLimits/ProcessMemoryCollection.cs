namespace Kiln.Tests.GuestLimits;

/// <summary>
/// Tests that measure the whole process's memory, run alone: a test class running beside them holds heap and linear
/// memory of its own, which their before-and-after figures would count (a 64 MiB margin was once exceeded that way).
/// </summary>
[CollectionDefinition(nameof(ProcessMemoryCollection), DisableParallelization = true)]
public sealed class ProcessMemoryCollection;
