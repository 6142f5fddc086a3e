using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Reception.Core.Cases;
using Reception.Core.Cases.History;

namespace Reception.Web.Data.Search;

/// <summary>
/// The case search index (issue 17 item 1): one row per case holding the <see cref="SearchTerms"/> (character bigrams) of its
/// summary, content, progress entries, written replies and petitioners' names. On SQLite an FTS5 table
/// (<c>CaseSearch</c>: contentless, no positions, the <c>ascii</c> tokenizer, which takes every non-ASCII character as part of a
/// term, so the space-separated bigrams go in as they are); on PostgreSQL a table <c>CaseSearch</c> ("CaseId", "Terms" tsvector)
/// with a GIN index. Neither is in the EF model (SQLite's is a virtual table); both are written here with SQL.
/// <para>Kept in sync by <see cref="Interceptor"/>: a save that adds a case, changes its summary or content, adds, changes or
/// removes a petitioner, or adds a progress entry or reply rebuilds those cases' rows in the same transaction (one it opens
/// around the save when the caller has none). Writers that bypass SaveChanges (the scale seed) write the rows themselves with
/// <see cref="Document"/>. An existing database's cases are indexed at the first start after the migration
/// (<see cref="BackfillAsync"/>).</para>
/// <para>ID numbers and phones are not in it: they are found by their blind indexes. Names are stored clear in the
/// petitioners' table already (searched in part, shown to every role), so their bigrams reveal nothing new.</para>
/// </summary>
public static class CaseSearchIndex
{
    public const string Table = "CaseSearch";

    /// <summary>The texts a case is found by.</summary>
    public static string Document(string? summary, string? content, IEnumerable<string?> progressAndReplies, IEnumerable<string?> names) =>
        SearchTerms.Document([summary, content, .. progressAndReplies], names);

    /// <summary>
    /// The ids of the cases whose index row has every one of <paramref name="terms"/> (non-empty; letters and digits only, as
    /// <see cref="SearchTerms.Query"/> gives them). Composable: use it in <c>cases.Where(c => ids.Contains(c.Id))</c>.
    /// </summary>
    public static IQueryable<int> Matching(AppDbContext db, IReadOnlyList<string> terms)
    {
        if (terms.Count == 0) throw new ArgumentException("No terms.", nameof(terms));
        if (db.Database.IsNpgsql())
        {
            var query = string.Join(" & ", terms);
            return db.Database.SqlQuery<int>($"""SELECT "CaseId" AS "Value" FROM "CaseSearch" WHERE "Terms" @@ CAST({query} AS tsquery)""");
        }

        var match = string.Join(" AND ", terms.Select(t => "\"" + t + "\""));
        return db.Database.SqlQuery<int>($"""SELECT rowid AS "Value" FROM "CaseSearch" WHERE "CaseSearch" MATCH {match}""");
    }

    /// <summary>
    /// PostgreSQL: the same ids as <see cref="Matching"/>, for a query of several terms that many cases match: the GIN index
    /// is asked for the rarest term only (by the column's statistics, <see cref="TermFrequenciesAsync"/>) and every term is
    /// checked with <c>ts_match_vq</c> (what <c>@@</c> calls), so that the planner estimates the matches from that term's
    /// frequency rather than from the product of every term's: the bigrams of one word (污水, 水直, 直排) nearly always come
    /// together, and the product is hundreds of times too small (see <c>CaseListQuery</c>).
    /// </summary>
    public static async Task<IQueryable<int>> MatchingBroadAsync(AppDbContext db, IReadOnlyList<string> terms, CancellationToken ct = default)
    {
        if (terms.Count == 0) throw new ArgumentException("No terms.", nameof(terms));
        if (!db.Database.IsNpgsql()) return Matching(db, terms);
        var frequencies = await TermFrequenciesAsync(db, ct);
        var rarest = terms.MinBy(t => frequencies.GetValueOrDefault(t))!;
        var query = string.Join(" & ", terms);
        return db.Database.SqlQuery<int>($"""
            SELECT "CaseId" AS "Value" FROM "CaseSearch" WHERE "Terms" @@ CAST({rarest} AS tsquery) AND ts_match_vq("Terms", CAST({query} AS tsquery))
            """);
    }

    private static readonly ConcurrentDictionary<string, (long ReadAt, IReadOnlyDictionary<string, float> Frequencies)> Frequencies = new(StringComparer.Ordinal);

    /// <summary>How long the terms' frequencies read from <c>pg_stats</c> are kept (autovacuum's ANALYZE changes them slowly).</summary>
    private static readonly TimeSpan FrequenciesKept = TimeSpan.FromMinutes(10);

    /// <summary>
    /// PostgreSQL: the share of index rows holding each of the most common terms (<c>most_common_elems</c> of the
    /// <c>Terms</c> statistics; a term not among them is rarer than all of them), read once per database every 10 minutes
    /// (the read costs some 8 ms). The age is measured with <see cref="Stopwatch"/>
    /// (elapsed time, not a date).
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, float>> TermFrequenciesAsync(AppDbContext db, CancellationToken ct)
    {
        var key = db.Database.GetConnectionString() ?? "";
        if (Frequencies.TryGetValue(key, out var cached) && Stopwatch.GetElapsedTime(cached.ReadAt) < FrequenciesKept) return cached.Frequencies;
        var rows = await db.Database.SqlQueryRaw<TermFrequency>("""
            SELECT u.e AS "Term", u.f AS "Frequency"
            FROM pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS u(e, f)
            WHERE s.schemaname = current_schema() AND s.tablename = 'CaseSearch' AND s.attname = 'Terms' AND u.e IS NOT NULL
            """).ToListAsync(ct);
        var frequencies = rows.GroupBy(r => r.Term, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(r => r.Frequency), StringComparer.Ordinal);
        Frequencies[key] = (Stopwatch.GetTimestamp(), frequencies);
        return frequencies;
    }

    private sealed record TermFrequency(string Term, float Frequency);

    /// <summary>How many cases have every one of <paramref name="terms"/>, counted up to <paramref name="cap"/> (scope not applied).</summary>
    public static Task<int> CountAsync(AppDbContext db, IReadOnlyList<string> terms, int cap, CancellationToken ct = default) =>
        Matching(db, terms).Take(cap).CountAsync(ct);

    /// <summary>Recomputes the index rows of these cases from what the database holds now (in the current transaction, if any).</summary>
    public static async Task RebuildAsync(AppDbContext db, IReadOnlyCollection<int> caseIds, CancellationToken ct = default)
    {
        if (caseIds.Count == 0) return;
        var ids = caseIds.Distinct().ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Summary, c.Content }).ToListAsync(ct);
        var names = (await db.CasePetitioners.AsNoTracking().Where(p => ids.Contains(EF.Property<int>(p, "PetitionCaseId")))
                .Select(p => new { CaseId = EF.Property<int>(p, "PetitionCaseId"), p.Name }).ToListAsync(ct))
            .ToLookup(p => p.CaseId, p => p.Name);
        var texts = (await db.CaseEvents.AsNoTracking()
                .Where(e => ids.Contains(e.PetitionCaseId) && (e.Kind == CaseEventKind.ProgressAdded || e.Kind == CaseEventKind.Replied))
                .ToListAsync(ct))
            .ToLookup(e => e.PetitionCaseId, Text);
        var rows = cases.Select(c => (c.Id, Document(c.Summary, c.Content, texts[c.Id], names[c.Id]))).ToList();
        await WriteAsync(db, ids, rows, ct);
    }

    /// <summary>The free text of a progress entry or reply.</summary>
    private static string? Text(CaseEvent e) => e.Change switch
    {
        ProgressAdded p => p.Text,
        Replied r => r.Text,
        _ => null,
    };

    private static async Task WriteAsync(AppDbContext db, List<int> ids, List<(int Id, string Terms)> rows, CancellationToken ct)
    {
        var postgres = db.Database.IsNpgsql();
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            var list = string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
            delete.CommandText = postgres ? $"""DELETE FROM "CaseSearch" WHERE "CaseId" IN ({list})""" : $"""DELETE FROM "CaseSearch" WHERE rowid IN ({list})""";
            await delete.ExecuteNonQueryAsync(ct);
        }

        if (rows.Count == 0) return;
        await using var insert = InsertCommand(connection, transaction, postgres);
        foreach (var (id, terms) in rows)
        {
            insert.Parameters[0].Value = id;
            insert.Parameters[1].Value = terms;
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>A prepared-style insert of one index row: parameters @id and @terms (for bulk writers such as the scale seed).</summary>
    public static DbCommand InsertCommand(DbConnection connection, DbTransaction? transaction, bool postgres)
    {
        var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = postgres
            ? """INSERT INTO "CaseSearch" ("CaseId", "Terms") VALUES (@id, CAST(@terms AS tsvector))"""
            : """INSERT INTO "CaseSearch" (rowid, "Terms") VALUES (@id, @terms)""";
        foreach (var name in new[] { "@id", "@terms" })
        {
            var p = insert.CreateParameter();
            p.ParameterName = name;
            insert.Parameters.Add(p);
        }

        return insert;
    }

    /// <summary>
    /// Indexes every case when the index is empty but cases exist (a database from before the index; the migration cannot
    /// compute the terms). Returns how many cases it indexed. Batches of 2,000 cases, each in its own transaction.
    /// </summary>
    public static async Task<int> BackfillAsync(AppDbContext db, CancellationToken ct = default)
    {
        var sql = db.Database.IsNpgsql()
            ? """SELECT CASE WHEN EXISTS (SELECT 1 FROM "Cases") AND NOT EXISTS (SELECT 1 FROM "CaseSearch") THEN 1 ELSE 0 END AS "Value" """
            : """SELECT CASE WHEN EXISTS (SELECT 1 FROM "Cases") AND NOT EXISTS (SELECT 1 FROM "CaseSearch") THEN 1 ELSE 0 END AS "Value" """;
        if (await db.Database.SqlQueryRaw<int>(sql).SingleAsync(ct) == 0) return 0;
        var total = 0;
        var after = 0;
        while (true)
        {
            var batch = await db.Cases.AsNoTracking().Where(c => c.Id > after).OrderBy(c => c.Id).Select(c => c.Id).Take(2_000).ToListAsync(ct);
            if (batch.Count == 0) return total;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await RebuildAsync(db, batch, ct);
            await tx.CommitAsync(ct);
            total += batch.Count;
            after = batch[^1];
        }
    }

    /// <summary>Keeps the index in step with every SaveChanges of an <see cref="AppDbContext"/> (see the class remarks).</summary>
    public sealed class Interceptor : SaveChangesInterceptor
    {
        public static readonly Interceptor Instance = new();

        private static readonly ConditionalWeakTable<DbContext, Pending> PendingSaves = [];

        private Interceptor() { }

        private sealed class Pending
        {
            public List<int> Ids { get; } = [];
            public List<Func<int>> Later { get; } = [];
            public IDbContextTransaction? Owned { get; set; }
        }

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            if (eventData.Context is AppDbContext db && Stage(db) is { } pending && db.Database.CurrentTransaction is null)
                pending.Owned = db.Database.BeginTransaction();
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (eventData.Context is AppDbContext db && Stage(db) is { } pending && db.Database.CurrentTransaction is null)
                pending.Owned = await db.Database.BeginTransactionAsync(cancellationToken);
            return result;
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            FinishAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
            return result;
        }

        public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            await FinishAsync(eventData.Context, cancellationToken);
            return result;
        }

        public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

        /// <summary>A stale edit (optimistic concurrency) ends the save without SaveChangesFailed: the transaction opened for it is rolled back here.</summary>
        public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
        {
            Abandon(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result,
            CancellationToken cancellationToken = default)
        {
            Abandon(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Abandon(eventData.Context);
            return Task.CompletedTask;
        }

        /// <summary>Notes the cases this save touches (ids known now, or read from the entities after the save gives them one).</summary>
        private static Pending? Stage(AppDbContext db)
        {
            db.ChangeTracker.DetectChanges();
            var pending = new Pending();
            foreach (var e in db.ChangeTracker.Entries<PetitionCase>())
            {
                if (e.State == EntityState.Added) pending.Later.Add(() => e.Entity.Id);
                else if (e.State == EntityState.Modified && (e.Property(c => c.Summary).IsModified || e.Property(c => c.Content).IsModified))
                    pending.Ids.Add(e.Entity.Id);
            }

            foreach (var e in db.ChangeTracker.Entries<CasePetitioner>())
            {
                if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
                var fk = e.Property<int>("PetitionCaseId");
                if (e.State == EntityState.Added) pending.Later.Add(() => fk.CurrentValue);
                else if (e.State == EntityState.Deleted || e.Property(p => p.Name).IsModified || fk.IsModified)
                {
                    pending.Ids.Add(fk.OriginalValue);
                    pending.Later.Add(() => fk.CurrentValue);
                }
            }

            foreach (var e in db.ChangeTracker.Entries<CaseEvent>())
            {
                if (e.State == EntityState.Added && e.Entity.Kind is CaseEventKind.ProgressAdded or CaseEventKind.Replied)
                    pending.Later.Add(() => e.Entity.PetitionCaseId);
            }

            if (pending.Ids.Count == 0 && pending.Later.Count == 0) return null;
            PendingSaves.AddOrUpdate(db, pending);
            return pending;
        }

        private static async Task FinishAsync(DbContext? context, CancellationToken ct)
        {
            if (context is not AppDbContext db || !PendingSaves.TryGetValue(db, out var pending)) return;
            PendingSaves.Remove(db);
            try
            {
                var ids = pending.Ids.Concat(pending.Later.Select(f => f())).Where(i => i > 0).Distinct().ToList();
                await RebuildAsync(db, ids, ct);
                if (pending.Owned is { } tx) await tx.CommitAsync(ct);
            }
            finally
            {
                if (pending.Owned is { } tx) await tx.DisposeAsync();
            }
        }

        private static void Abandon(DbContext? context)
        {
            if (context is not AppDbContext db || !PendingSaves.TryGetValue(db, out var pending)) return;
            PendingSaves.Remove(db);
            pending.Owned?.Dispose(); // rolls back
        }
    }
}
