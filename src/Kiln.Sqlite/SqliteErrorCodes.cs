namespace Kiln.Sqlite;

/// <summary>The SQLite result codes Kiln reports errors with.</summary>
internal static class SqliteErrorCodes
{
    /// <summary>SQLITE_ERROR: a generic error, what SQLite gives for bad SQL and failing functions.</summary>
    public const int Error = 1;
}
