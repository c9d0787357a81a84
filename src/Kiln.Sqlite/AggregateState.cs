namespace Kiln.Sqlite;

/// <summary>
/// One running aggregate: the guest's state handle (what its step function last returned; 0 before the first row)
/// and the instance generation that handle belongs to, since a trap replaces the instance and its memory.
/// </summary>
internal readonly record struct AggregateState(long Generation, int Handle);
