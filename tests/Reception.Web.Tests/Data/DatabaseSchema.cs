using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;

namespace Reception.Web.Tests.Data;

/// <summary>One fact about a schema: a key ("column OrgUnits.Code") and what it is ("varchar(20) not null").</summary>
public sealed record SchemaItem(string Key, string Definition)
{
    public override string ToString() => $"{Key}: {Definition}";
}

/// <summary>Reads a database's schema as comparable facts, straight from the database's own catalogue.</summary>
public static partial class DatabaseSchema
{
    /// <summary>EF's bookkeeping tables exist only after Migrate(); they are not part of the model.</summary>
    public static readonly IReadOnlySet<string> IgnoredTables = new HashSet<string>(StringComparer.Ordinal)
    {
        "__EFMigrationsHistory",
        "__EFMigrationsLock",
        // The case search index is written with SQL, outside the model (Data/Search/CaseSearchIndex): on SQLite an FTS5
        // table and its shadow tables, on PostgreSQL a table with a tsvector; CaseSearchTests check it on both.
        "CaseSearch",
        "CaseSearch_config",
        "CaseSearch_data",
        "CaseSearch_docsize",
        "CaseSearch_idx",
        "CaseSearch_content",
    };

    public static async Task<IReadOnlyList<SchemaItem>> ReadSqliteAsync(DbConnection connection)
    {
        var items = new List<SchemaItem>();
        var tables = await QueryAsync(connection,
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
            r => (Name: r.GetString(0), Sql: r.GetString(1)));
        foreach (var (table, sql) in tables.Where(t => !IgnoredTables.Contains(t.Name)))
        {
            items.Add(new($"table {table}", "exists"));

            var columns = await QueryAsync(connection,
                "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(@p0) ORDER BY cid",
                r => (Name: r.GetString(0), Type: r.GetString(1), NotNull: r.GetInt64(2) != 0, Default: r.IsDBNull(3) ? null : r.GetString(3), Pk: r.GetInt64(4)),
                table);
            foreach (var c in columns)
                items.Add(new($"column {table}.{c.Name}", $"{c.Type} {(c.NotNull ? "not null" : "null")}{(c.Default is null ? "" : $" default {c.Default}")}"));

            var pkName = SqlitePrimaryKeyName().Match(sql) is { Success: true } m ? m.Groups[1].Value : "(unnamed)";
            var pkColumns = columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name).ToList();
            if (pkColumns.Count > 0) items.Add(new($"primary key {table}", $"{pkName} ({string.Join(", ", pkColumns)})"));
            if (sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase))
                items.Add(new($"autoincrement {table}", "yes"));

            var indexes = await QueryAsync(connection,
                "SELECT name, \"unique\", origin, partial FROM pragma_index_list(@p0) WHERE origin <> 'pk'",
                r => (Name: r.GetString(0), Unique: r.GetInt64(1) != 0, Origin: r.GetString(2), Partial: r.GetInt64(3) != 0),
                table);
            foreach (var index in indexes)
            {
                var indexColumns = await QueryAsync(connection,
                    "SELECT name FROM pragma_index_info(@p0) ORDER BY seqno", r => r.GetString(0), index.Name);
                var filter = "";
                if (index.Partial)
                {
                    var indexSql = (await QueryAsync(connection, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = @p0", r => r.GetString(0), index.Name)).Single();
                    filter = " where " + indexSql[(indexSql.IndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase) + 7)..];
                }
                items.Add(new($"index {table}.{index.Name}", $"{(index.Unique ? "unique" : "non-unique")} ({string.Join(", ", indexColumns)}){filter}"));
            }

            var foreignKeys = await QueryAsync(connection,
                "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(@p0) ORDER BY id, seq",
                r => (Id: r.GetInt64(0), Target: r.GetString(2), From: r.GetString(3), To: r.IsDBNull(4) ? "?" : r.GetString(4), OnUpdate: r.GetString(5), OnDelete: r.GetString(6)),
                table);
            foreach (var fk in foreignKeys.GroupBy(f => f.Id))
            {
                var from = string.Join(", ", fk.Select(f => f.From));
                var first = fk.First();
                items.Add(new($"foreign key {table}({from})",
                    $"-> {first.Target}({string.Join(", ", fk.Select(f => f.To))}) on delete {first.OnDelete} on update {first.OnUpdate}"));
            }
        }
        return items;
    }

    public static async Task<IReadOnlyList<SchemaItem>> ReadPostgresAsync(DbConnection connection)
    {
        var items = new List<SchemaItem>();
        var ignored = string.Join(", ", IgnoredTables.Select(t => $"'{t}'"));
        const string inSchema = "n.nspname = current_schema() AND c.relkind IN ('r', 'p')";

        var tables = await QueryAsync(connection,
            $"SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {inSchema} AND c.relname NOT IN ({ignored})",
            r => r.GetString(0));
        items.AddRange(tables.Select(t => new SchemaItem($"table {t}", "exists")));

        items.AddRange(await QueryAsync(connection, $"""
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity::text,
                   a.attgenerated::text, pg_get_expr(d.adbin, d.adrelid), co.collname
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> (SELECT oid FROM pg_collation WHERE collname = 'default')
            WHERE {inSchema} AND c.relname NOT IN ({ignored}) AND a.attnum > 0 AND NOT a.attisdropped
            """,
            r =>
            {
                var identity = r.GetString(4) switch { "a" => " generated always as identity", "d" => " generated by default as identity", _ => "" };
                var generated = r.GetString(5) == "s" ? " generated stored" : "";
                var dflt = r.IsDBNull(6) ? "" : $" default {r.GetString(6)}";
                var collation = r.IsDBNull(7) ? "" : $" collate {r.GetString(7)}";
                return new SchemaItem($"column {r.GetString(0)}.{r.GetString(1)}",
                    $"{r.GetString(2)} {(r.GetBoolean(3) ? "not null" : "null")}{identity}{generated}{dflt}{collation}");
            }));

        // Primary keys, foreign keys, unique and check constraints, each in PostgreSQL's own words.
        items.AddRange(await QueryAsync(connection, $"""
            SELECT c.relname, con.conname, con.contype::text, pg_get_constraintdef(con.oid)
            FROM pg_constraint con
            JOIN pg_class c ON c.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE {inSchema} AND c.relname NOT IN ({ignored})
            """,
            r =>
            {
                var kind = r.GetString(2) switch { "p" => "primary key", "f" => "foreign key", "u" => "unique constraint", "c" => "check", var k => $"constraint({k})" };
                return new SchemaItem($"{kind} {r.GetString(0)}.{r.GetString(1)}", r.GetString(3));
            }));

        // Indexes other than the primary keys' (pg_get_indexdef includes uniqueness, columns, method and filter).
        items.AddRange(await QueryAsync(connection, $"""
            SELECT c.relname, i.relname, pg_get_indexdef(x.indexrelid)
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class c ON c.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE {inSchema} AND c.relname NOT IN ({ignored}) AND NOT x.indisprimary
            """,
            r => new SchemaItem($"index {r.GetString(0)}.{r.GetString(1)}", r.GetString(2))));
        return items;
    }

    /// <summary>A readable report of what differs, or null when both schemas are the same.</summary>
    public static string? Diff(IReadOnlyList<SchemaItem> migrated, IReadOnlyList<SchemaItem> model)
    {
        var left = ToMap(migrated, "Migrate()");
        var right = ToMap(model, "EnsureCreated()");
        var report = new StringBuilder();
        foreach (var key in left.Keys.Union(right.Keys).Order(StringComparer.Ordinal))
        {
            left.TryGetValue(key, out var a);
            right.TryGetValue(key, out var b);
            if (a == b) continue;
            report.AppendLine(key);
            report.AppendLine($"    Migrate():       {a ?? "(missing)"}");
            report.AppendLine($"    EnsureCreated(): {b ?? "(missing)"}");
        }
        return report.Length == 0 ? null : report.ToString();
    }

    private static Dictionary<string, string> ToMap(IReadOnlyList<SchemaItem> items, string source)
    {
        var duplicate = items.GroupBy(i => i.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"{source}: schema fact '{duplicate.Key}' read twice.");
        return items.ToDictionary(i => i.Key, i => i.Definition, StringComparer.Ordinal);
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> read, params object[] args)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < args.Length; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = $"@p{i}";
            p.Value = args[i];
            command.Parameters.Add(p);
        }
        var result = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result.Add(read(reader));
        return result;
    }

    [GeneratedRegex("CONSTRAINT\\s+\"([^\"]+)\"\\s+PRIMARY\\s+KEY", RegexOptions.IgnoreCase)]
    private static partial Regex SqlitePrimaryKeyName();
}
