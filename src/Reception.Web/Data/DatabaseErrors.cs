using Microsoft.Data.Sqlite;
using Npgsql;

namespace Reception.Web.Data;

/// <summary>What a failed save means, on either database.</summary>
public static class DatabaseErrors
{
    /// <summary>The save broke a unique index (another writer got there first).</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode == 2067, // SQLITE_CONSTRAINT_UNIQUE
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
