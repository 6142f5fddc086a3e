using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Reception.Core.Cases;
using Reception.Core.Feeds;
using Reception.Core.Organisation;
using Reception.Core.Rotas.Model;

namespace Reception.Web.Features.Calendar.Feeds;

/// <summary>
/// Changes the stored content versions (<see cref="FeedVersion"/>) of the feeds a save touches, in the same SaveChanges and
/// so in the same transaction as the change itself: a reader sees the new data and the new version together, or neither.
/// It reads the change tracker before every save of an <see cref="AppDbContext"/>:
/// <list type="bullet">
/// <item>a duty (added, removed, reassigned, cancelled) in a published month: the leaders before and after
/// (<see cref="FeedVersionScope.Leader"/>) and the month (<see cref="FeedVersionScope.RotaMonth"/>);</item>
/// <item>a month published: its published versions (<see cref="FeedVersionScope.PublishedMonth"/>); the first time, also the
/// month and every leader on duty in it (that brings their duties into the office and personal feeds);</item>
/// <item>a visit or appointment visit: its leader before and after (<see cref="FeedVersionScope.LeaderVisits"/>);</item>
/// <item>a case, or a history event of one, that is or was open with a due date and an owner: the owner before and after;</item>
/// <item>a leader, org unit, venue, duty rule or session, or case category changed or removed: everything
/// (<see cref="FeedVersionScope.Everything"/>; names appear in many feeds and change rarely).</item>
/// </list>
/// Writes that bypass SaveChanges (ExecuteUpdate, raw SQL) must change the versions themselves (<see cref="ChangeEverythingAsync"/>).
/// The one in the app, the hourly recolouring, writes only colours and ColourChanged events, which no feed shows.
/// </summary>
public sealed class FeedVersionInterceptor : SaveChangesInterceptor
{
    public static readonly FeedVersionInterceptor Instance = new();

    private FeedVersionInterceptor() { }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db) StageAsync(db, async: false, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db) await StageAsync(db, async: true, cancellationToken);
        return result;
    }

    /// <summary>
    /// Marks everything changed now, for a writer that bypasses SaveChanges (a bulk seed): every feed renders afresh and
    /// answers with a new ETag. Runs in the caller's transaction when there is one.
    /// </summary>
    public static async Task ChangeEverythingAsync(AppDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        var key = new Key(FeedVersionScope.Everything, 0);
        await EnsureRowsAsync(db, [key], async: true, ct);
        Change(db, [key], clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    private static async Task StageAsync(AppDbContext db, bool async, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        var keys = await AffectedAsync(db, async, ct);
        if (keys.Count == 0) return;
        var sorted = keys.Order().ToList(); // one order for every writer: PostgreSQL row locks never wait on each other in a cycle
        await EnsureRowsAsync(db, sorted, async, ct);
        Change(db, sorted, Clock(db).GetUtcNow().UtcDateTime);
    }

    /// <summary>The versions the tracked changes touch (see the class remarks).</summary>
    private static async Task<HashSet<Key>> AffectedAsync(AppDbContext db, bool async, CancellationToken ct)
    {
        var keys = new HashSet<Key>();
        var tracker = db.ChangeTracker;

        // Months published in this save, and the publication state of the months of changed duties.
        var published = new Dictionary<int, int>();
        var newlyPublished = new List<int>();
        foreach (var e in tracker.Entries<RotaMonth>())
        {
            published[e.Entity.Id] = e.Entity.PublishedNumber;
            if (e.State != EntityState.Modified || !e.Property(m => m.PublishedNumber).IsModified) continue;
            keys.Add(new Key(FeedVersionScope.PublishedMonth, e.Entity.Id));
            // The office and personal feeds show the live duty rows of a published month, so only its first publication
            // changes them; a later version changes only the public feed.
            if (e.Property(m => m.PublishedNumber).OriginalValue == 0)
            {
                keys.Add(new Key(FeedVersionScope.RotaMonth, e.Entity.Id));
                newlyPublished.Add(e.Entity.Id);
            }
        }
        foreach (var e in tracker.Entries<RotaVersion>().Where(e => e.State == EntityState.Added))
        {
            keys.Add(new Key(FeedVersionScope.PublishedMonth, e.Entity.RotaMonthId));
        }

        var duties = tracker.Entries<DutyAssignment>().Where(e => e.State switch
        {
            EntityState.Added or EntityState.Deleted => true,
            EntityState.Modified => e.Property(a => a.LeaderId).IsModified || e.Property(a => a.IsCancelled).IsModified
                                    || e.Property(a => a.Sequence).IsModified || e.Property(a => a.UpdatedAtUtc).IsModified,
            _ => false,
        }).ToList();
        var unknownMonths = duties.Select(e => e.Entity.RotaMonthId).Where(id => !published.ContainsKey(id)).Distinct().ToList();
        if (unknownMonths.Count > 0)
        {
            var query = db.RotaMonths.AsNoTracking().Where(m => unknownMonths.Contains(m.Id)).Select(m => new { m.Id, m.PublishedNumber });
            foreach (var m in async ? await query.ToListAsync(ct) : query.ToList()) published[m.Id] = m.PublishedNumber;
        }
        foreach (var e in duties)
        {
            // A draft month is in no feed yet; publishing it brings all its duties in at once (above).
            if (published.GetValueOrDefault(e.Entity.RotaMonthId) == 0) continue;
            keys.Add(new Key(FeedVersionScope.RotaMonth, e.Entity.RotaMonthId));
            keys.Add(new Key(FeedVersionScope.Leader, e.Entity.LeaderId));
            if (e.State == EntityState.Modified) keys.Add(new Key(FeedVersionScope.Leader, e.Property(a => a.LeaderId).OriginalValue));
        }
        if (newlyPublished.Count > 0)
        {
            var query = db.DutyAssignments.AsNoTracking().Where(a => newlyPublished.Contains(a.RotaMonthId)).Select(a => a.LeaderId).Distinct();
            foreach (var leader in async ? await query.ToListAsync(ct) : query.ToList()) keys.Add(new Key(FeedVersionScope.Leader, leader));
        }

        foreach (var e in tracker.Entries<Visit>().Where(e => e.State is EntityState.Added or EntityState.Deleted or EntityState.Modified))
        {
            keys.Add(new Key(FeedVersionScope.LeaderVisits, e.Entity.LeaderId));
            if (e.State == EntityState.Modified) keys.Add(new Key(FeedVersionScope.LeaderVisits, e.Property(v => v.LeaderId).OriginalValue));
        }

        await CasesAsync(db, keys, async, ct);

        if (ChangedOrRemoved<Leader>(tracker) || ChangedOrRemoved<OrgUnit>(tracker) || ChangedOrRemoved<Venue>(tracker)
            || ChangedOrRemoved<DutyRule>(tracker) || ChangedOrRemoved<CaseCategory>(tracker) || SessionsChanged(tracker))
        {
            keys.Add(new Key(FeedVersionScope.Everything, 0));
        }
        // A key of a row added in this same save is a temporary value (EF's are negative) that names nothing yet: a leader or
        // rota month created together with what refers to it changes everything instead (seeds do that; pages do not).
        if (keys.RemoveWhere(k => k.Scope != FeedVersionScope.Everything && k.TargetId <= 0) > 0) keys.Add(new Key(FeedVersionScope.Everything, 0));
        return keys;
    }

    /// <summary>A case is in its owner's feed while open with a due date; a change to it, or a new history event, changes that feed.</summary>
    private static async Task CasesAsync(AppDbContext db, HashSet<Key> keys, bool async, CancellationToken ct)
    {
        var tracked = new Dictionary<int, EntityEntry<PetitionCase>>();
        foreach (var e in db.ChangeTracker.Entries<PetitionCase>())
        {
            tracked[e.Entity.Id] = e;
            if (e.State is not (EntityState.Added or EntityState.Deleted or EntityState.Modified)) continue;
            AddOwner(keys, e.Entity.OwnerLeaderId, e.Entity.State, e.Entity.DueOn);
            if (e.State == EntityState.Modified)
            {
                AddOwner(keys, e.Property(c => c.OwnerLeaderId).OriginalValue, e.Property(c => c.State).OriginalValue, e.Property(c => c.DueOn).OriginalValue);
            }
        }

        // LAST-MODIFIED of a case's due date is its latest history event but ColourChanged (which the hourly recolouring
        // writes in bulk): an event added to a case that is not itself saved changes its owner's feed too.
        var caseIds = db.ChangeTracker.Entries<CaseEvent>()
            .Where(e => e.State == EntityState.Added && e.Entity.Kind != CaseEventKind.ColourChanged)
            .Select(e => e.Entity.PetitionCaseId).Distinct().ToList();
        var missing = new List<int>();
        foreach (var id in caseIds)
        {
            if (tracked.TryGetValue(id, out var e)) AddOwner(keys, e.Entity.OwnerLeaderId, e.Entity.State, e.Entity.DueOn);
            else if (id > 0) missing.Add(id);
        }
        if (missing.Count > 0)
        {
            var query = db.Cases.AsNoTracking().Where(c => missing.Contains(c.Id)).Select(c => new { c.OwnerLeaderId, c.State, c.DueOn });
            foreach (var c in async ? await query.ToListAsync(ct) : query.ToList()) AddOwner(keys, c.OwnerLeaderId, c.State, c.DueOn);
        }
    }

    private static void AddOwner(HashSet<Key> keys, int? owner, CaseState state, DateOnly? dueOn)
    {
        if (owner is { } id && dueOn is not null && PetitionCase.IsOpenState(state)) keys.Add(new Key(FeedVersionScope.Leader, id));
    }

    private static bool ChangedOrRemoved<T>(ChangeTracker tracker) where T : class =>
        tracker.Entries<T>().Any(e => e.State is EntityState.Modified or EntityState.Deleted);

    // Sessions of a rule being created are not in any feed yet.
    private static bool SessionsChanged(ChangeTracker tracker) =>
        tracker.Entries<DutyRuleSession>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
        && !tracker.Entries<DutyRule>().Any(e => e.State == EntityState.Added);

    /// <summary>
    /// Makes sure a row exists for each key, so that the change below is a plain UPDATE inside the save's own transaction.
    /// A row created here holds stamp 0 at the epoch, which reads the same as no row, so it changes no feed by itself.
    /// </summary>
    private static async Task EnsureRowsAsync(AppDbContext db, IReadOnlyList<Key> keys, bool async, CancellationToken ct)
    {
        var tracked = db.ChangeTracker.Entries<FeedVersion>().Select(e => new Key(e.Entity.Scope, e.Entity.TargetId)).ToHashSet();
        var wanted = keys.Where(k => !tracked.Contains(k)).ToList();
        foreach (var chunk in wanted.Chunk(200))
        {
            // Scope and target are integers of this code's own making: written as literals, with the one parameter for the time.
            var values = string.Join(", ", chunk.Select(k => $"({(int)k.Scope}, {k.TargetId}, 0, {{0}})"));
            var sql = $"""INSERT INTO "FeedVersions" ("Scope", "TargetId", "Stamp", "ChangedAtUtc") VALUES {values} ON CONFLICT DO NOTHING""";
            if (async) await db.Database.ExecuteSqlRawAsync(sql, [DateTime.UnixEpoch], ct);
            else db.Database.ExecuteSqlRaw(sql, DateTime.UnixEpoch);
        }
    }

    private static void Change(AppDbContext db, IReadOnlyList<Key> keys, DateTime nowUtc)
    {
        var tracked = db.ChangeTracker.Entries<FeedVersion>().ToDictionary(e => new Key(e.Entity.Scope, e.Entity.TargetId));
        foreach (var key in keys)
        {
            if (!tracked.TryGetValue(key, out var entry))
            {
                entry = db.FeedVersions.Attach(new FeedVersion(key.Scope, key.TargetId));
            }
            entry.Entity.Change(Random.Shared.Next(1, int.MaxValue), nowUtc);
            entry.Property(v => v.Stamp).IsModified = true;
            entry.Property(v => v.ChangedAtUtc).IsModified = true;
        }
    }

    /// <summary>The app's clock (the context's application services); the system's for a context made outside the app.</summary>
    private static TimeProvider Clock(DbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService(typeof(TimeProvider)) as TimeProvider
        ?? TimeProvider.System;

    private readonly record struct Key(FeedVersionScope Scope, int TargetId) : IComparable<Key>
    {
        public int CompareTo(Key other) => Scope != other.Scope ? Scope.CompareTo(other.Scope) : TargetId.CompareTo(other.TargetId);
    }
}
