using Microsoft.EntityFrameworkCore;
using Reception.Core.Feeds;
using Reception.Web.Data;

namespace Reception.Web.Feeds;

/// <summary>
/// A feed's content version: the sum of the stamps of the <see cref="FeedVersion"/> rows its events come from, and the
/// latest time one of them changed. Any change to any of them changes the sum (a stamp is a fresh random number), and
/// the time is the feed's Last-Modified, so the version answers "has this feed changed?" without reading its events.
/// </summary>
public readonly record struct FeedContentVersion(long Sum, DateTime ChangedAtUtc)
{
    public static readonly FeedContentVersion Unchanged = new(0, DateTime.UnixEpoch);
}

/// <summary>
/// Which <see cref="FeedVersion"/> rows make up each feed; they mirror the filters of <see cref="FeedQueries"/>:
/// <list type="bullet">
/// <item>personal: everything, the leader's duties and cases, the leader's visits (three rows by key);</item>
/// <item>office: everything, each published month in the window of each active rule under the owner's org unit, and the
/// visits of each leader under it (an index range on the org path, then rows by key);</item>
/// <item>public: everything and the published versions of each published month in the window of the unit's own active rules.</item>
/// </list>
/// The window's day is part of the feed's key, not of these rows: the window moves at midnight in Beijing.
/// </summary>
public static class FeedVersionQueries
{
    public static IQueryable<FeedVersion> Personal(AppDbContext db, int leaderId) =>
        db.FeedVersions.Where(v => (v.Scope == FeedVersionScope.Everything && v.TargetId == 0)
                                   || ((v.Scope == FeedVersionScope.Leader || v.Scope == FeedVersionScope.LeaderVisits) && v.TargetId == leaderId));

    public static IQueryable<FeedVersion> Office(AppDbContext db, string orgPath, DateOnly today)
    {
        var (firstMonth, last) = (FeedQueries.FirstMonth(today), FeedQueries.Window(today).To);
        return Everything(db)
            .Concat(from m in db.RotaMonths
                    join r in db.DutyRules on m.DutyRuleId equals r.Id
                    join o in db.OrgUnits on r.OrgUnitId equals o.Id
                    join v in db.FeedVersions on new { Scope = FeedVersionScope.RotaMonth, Id = m.Id } equals new { v.Scope, Id = v.TargetId }
                    where o.Path.StartsWith(orgPath) && r.IsActive && m.PublishedNumber > 0 && m.Month >= firstMonth && m.Month <= last
                    select v)
            .Concat(from l in db.Leaders
                    join o in db.OrgUnits on l.OrgUnitId equals o.Id
                    join v in db.FeedVersions on new { Scope = FeedVersionScope.LeaderVisits, l.Id } equals new { v.Scope, Id = v.TargetId }
                    where o.Path.StartsWith(orgPath)
                    select v);
    }

    public static IQueryable<FeedVersion> Public(AppDbContext db, int orgUnitId, DateOnly today)
    {
        var (firstMonth, last) = (FeedQueries.FirstMonth(today), FeedQueries.Window(today).To);
        return Everything(db)
            .Concat(from m in db.RotaMonths
                    join r in db.DutyRules on m.DutyRuleId equals r.Id
                    join v in db.FeedVersions on new { Scope = FeedVersionScope.PublishedMonth, Id = m.Id } equals new { v.Scope, Id = v.TargetId }
                    where r.OrgUnitId == orgUnitId && r.IsActive && m.PublishedNumber > 0 && m.Month >= firstMonth && m.Month <= last
                    select v);
    }

    /// <summary>The version of the feed made of <paramref name="rows"/>: one aggregate query.</summary>
    public static async Task<FeedContentVersion> ReadAsync(IQueryable<FeedVersion> rows, CancellationToken ct = default)
    {
        var totals = await rows.GroupBy(_ => 1)
            .Select(g => new { Sum = g.Sum(v => (long)v.Stamp), ChangedAtUtc = g.Max(v => v.ChangedAtUtc) })
            .FirstOrDefaultAsync(ct);
        return totals is null ? FeedContentVersion.Unchanged : new FeedContentVersion(totals.Sum, totals.ChangedAtUtc);
    }

    private static IQueryable<FeedVersion> Everything(AppDbContext db) =>
        db.FeedVersions.Where(v => v.Scope == FeedVersionScope.Everything && v.TargetId == 0);
}
