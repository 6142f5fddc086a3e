using Reception.Core.Cases;
using Reception.Core.Notifications;
using Reception.Core.Time;
using Reception.Web.Features.Visits;

namespace Reception.Web.Features.Cases;

/// <summary>New cases (received in the week), resolved (owned cases resolved in the week) and open cases overdue (as of the run).</summary>
public sealed record BulletinFigures(int New, int Resolved, int Overdue)
{
    public bool IsEmpty => New == 0 && Resolved == 0 && Overdue == 0;
}

public sealed record BulletinRow(int? Id, string Name, BulletinFigures Figures);

/// <summary>The compliance page's month for the scope: how many leaders the quota applies to, how many are below it, and who.</summary>
public sealed record BulletinCompliance(DateOnly Month, int Subject, int BelowQuota, IReadOnlyList<ComplianceRow> Behind);

/// <summary>One bulletin: a week (Monday–Sunday), the totals, the breakdowns and the visit compliance.</summary>
public sealed record Bulletin(DateOnly Monday, DateOnly Sunday, DateOnly AsOf, BulletinFigures Totals,
    IReadOnlyList<BulletinRow> ByUnit, IReadOnlyList<BulletinRow> ByLeader, BulletinCompliance? Compliance);

/// <summary>
/// The weekly bulletin (每周通报, Monday 08:30) for the previous Monday–Sunday (Asia/Shanghai).
/// <list type="bullet">
/// <item>Clerks and Supervisors get one bulletin per org unit: the figures of the cases that scope sees (the metrics page's
/// scope, <c>VisibleTo</c>), by handling unit and by owning leader, and the scope's visit compliance for the month the
/// week ends in (the compliance page's query, <see cref="VisitComplianceQuery"/>).</item>
/// <item>Each Leader with an account gets their own figures (the cases they own or received, as on their metrics page)
/// and their own visit standing — when they have anything to report (a figure, or an open case they own).</item>
/// </list>
/// The totals come from <see cref="CaseMetrics.FiguresAsync"/> with the metrics page's definitions: "new" is its Total
/// over the cases received in the week, "resolved" its Resolved over the cases resolved in the week, "overdue" its
/// OpenOverdue as the cases stand at the run. The breakdowns count the same predicates grouped in one query each.
/// One occurrence per scope and week: "weekly-bulletin:{monday}:org-{unit}" / ":leader-{id}". A unit's bulletin also goes to
/// the unit's group robot, if it has one (figures and the unit's name only).
/// </summary>
public sealed class WeeklyBulletin(AppDbContext db, CaseMetrics metrics, CaseService cases, VisitComplianceQuery compliance, Notifier notifier, TimeProvider clock, UnitRobots robots) : IReceptionJob
{
    public const string Name = "WeeklyBulletin";

    /// <summary>The scheduled job: the work of <see cref="RunAsync(CancellationToken)"/>; its summary goes to the ledger.</summary>
    async Task<string?> IReceptionJob.RunAsync(JobOccurrence occurrence, CancellationToken ct) => (await RunAsync(ct)).Summary;

    private static readonly CaseState[] OpenStates = [.. CaseStates.Open];

    /// <summary>The last complete Monday–Sunday week before <paramref name="today"/>.</summary>
    public static (DateOnly Monday, DateOnly Sunday) PreviousWeek(DateOnly today)
    {
        var back = today.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)today.DayOfWeek;
        var sunday = today.AddDays(-back);
        return (sunday.AddDays(-6), sunday);
    }

    public async Task<AlertRun> RunAsync(CancellationToken ct = default)
    {
        var tally = new AlertTally(db, Name);
        var today = ChinaTime.Today(clock);
        var (monday, sunday) = PreviousWeek(today);
        var week = DateText.Of(monday);
        var title = new Message(AlertTexts.BulletinTitle, monday, sunday);

        // Clerks and Supervisors, one bulletin per org unit.
        var staff = await Recipients.StaffAsync(db, [Roles.Clerk, Roles.Supervisor], ct);
        foreach (var scope in staff.GroupBy(s => (s.OrgUnitId, s.Path, s.UnitName)).OrderBy(g => g.Key.Path, StringComparer.Ordinal))
        {
            var bulletin = await ComputeAsync(UserScope.For(Roles.Clerk, scope.Key.OrgUnitId, scope.Key.Path), monday, ct);
            tally.Occurrences++;
            var t = bulletin.Totals;
            await notifier.ToUsersAsync(scope.Select(s => s.UserId), new OutgoingNotification(NotificationKinds.WeeklyBulletin, title,
                new Message(AlertTexts.BulletinBody, scope.Key.UnitName, t.New, t.Resolved, t.Overdue, bulletin.AsOf), "/Metrics")
            {
                OccurrenceKey = string.Create(CultureInfo.InvariantCulture, $"weekly-bulletin:{week}:org-{scope.Key.OrgUnitId}"),
                Details = l => Tables(l, bulletin),
            }, ct);
            await robots.QueueAsync([scope.Key.OrgUnitId], NotificationKinds.WeeklyBulletin,
                string.Create(CultureInfo.InvariantCulture, $"weekly-bulletin:{week}:org-{scope.Key.OrgUnitId}"), title,
                [new Message(AlertTexts.BulletinBody, scope.Key.UnitName, t.New, t.Resolved, t.Overdue, bulletin.AsOf)], "/Metrics", ct);
        }
        await tally.SaveAsync(ct);

        // Leaders, their own figures.
        var leaders = await Recipients.LeadersAsync(db, ct);
        foreach (var leader in leaders.GroupBy(l => l.LeaderId))
        {
            var first = leader.First();
            var own = UserScope.For(Roles.Leader, first.OrgUnitId, first.UserPath, leaderId: first.LeaderId);
            var figures = await FiguresAsync(db.Cases.AsNoTracking().VisibleTo(db, own), monday, sunday, ct);
            var owns = await db.Cases.AnyAsync(c => c.OwnerLeaderId == first.LeaderId && OpenStates.Contains(c.State), ct);
            if (figures.IsEmpty && !owns) continue;
            var page = await compliance.ReadAsync(UserScope.For(Roles.Clerk, first.LeaderUnitId, first.LeaderPath), MonthOf(sunday), ct);
            var standing = page.Rows.FirstOrDefault(r => r.LeaderId == first.LeaderId);
            var quota = page.Quota;
            tally.Occurrences++;
            await notifier.ToUsersAsync(leader.Select(l => l.UserId), new OutgoingNotification(NotificationKinds.WeeklyBulletin, title,
                new Message(AlertTexts.BulletinLeaderBody, figures.New, figures.Resolved, figures.Overdue, today), "/Metrics")
            {
                OccurrenceKey = string.Create(CultureInfo.InvariantCulture, $"weekly-bulletin:{week}:leader-{first.LeaderId}"),
                Details = standing?.Standing is null ? null : l =>
                [
                    new MailParagraph(l[AlertTexts.ComplianceLeaderBody, MonthOf(sunday), standing.VisitDays, quota.VisitDaysPerMonth, standing.Meetings, quota.AppointmentsPerMonth]),
                ],
            }, ct);
        }
        await tally.SaveAsync(ct);
        return tally.Result();
    }

    /// <summary>The bulletin of the week starting <paramref name="monday"/> for the cases <paramref name="scope"/> sees (a Clerk's or Supervisor's).</summary>
    public async Task<Bulletin> ComputeAsync(UserScope scope, DateOnly monday, CancellationToken ct = default)
    {
        var sunday = monday.AddDays(6);
        var today = cases.Today;
        var scoped = db.Cases.AsNoTracking().VisibleTo(db, scope);
        var totals = await FiguresAsync(scoped, monday, sunday, ct);

        var byUnit = await scoped.GroupBy(c => c.HandlingUnitId).Select(g => new
        {
            g.Key,
            New = g.Count(c => c.ReceivedOn >= monday && c.ReceivedOn <= sunday),
            Resolved = g.Count(c => c.OwnerLeaderId != null && c.IsResolved && c.ResolvedOn >= monday && c.ResolvedOn <= sunday),
            Overdue = g.Count(c => OpenStates.Contains(c.State) && c.DueOn < today),
        }).ToListAsync(ct);
        var byLeader = await scoped.GroupBy(c => c.OwnerLeaderId).Select(g => new
        {
            g.Key,
            New = g.Count(c => c.ReceivedOn >= monday && c.ReceivedOn <= sunday),
            Resolved = g.Count(c => c.OwnerLeaderId != null && c.IsResolved && c.ResolvedOn >= monday && c.ResolvedOn <= sunday),
            Overdue = g.Count(c => OpenStates.Contains(c.State) && c.DueOn < today),
        }).ToListAsync(ct);
        var unitIds = byUnit.Where(u => u.Key != null).Select(u => u.Key!.Value).ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(o => unitIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => (o.Name, o.SortOrder, o.Path), ct);
        var leaderIds = byLeader.Where(u => u.Key != null).Select(u => u.Key!.Value).ToList();
        var leaders = await db.Leaders.AsNoTracking().Where(x => leaderIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => (x.Name, x.RotationOrder), ct);

        var unitRows = byUnit.Select(u => new BulletinRow(u.Key, u.Key is { } id && units.TryGetValue(id, out var n) ? n.Name : "", new BulletinFigures(u.New, u.Resolved, u.Overdue)))
            .Where(r => !r.Figures.IsEmpty)
            .OrderBy(r => r.Id is null).ThenBy(r => r.Id is { } id && units.TryGetValue(id, out var n) ? n.Path : "", StringComparer.Ordinal).ToList();
        var leaderRows = byLeader.Select(u => new BulletinRow(u.Key, u.Key is { } id && leaders.TryGetValue(id, out var n) ? n.Name : "", new BulletinFigures(u.New, u.Resolved, u.Overdue)))
            .Where(r => !r.Figures.IsEmpty)
            .OrderBy(r => r.Id is null).ThenBy(r => r.Id is { } id && leaders.TryGetValue(id, out var n) ? n.RotationOrder : 0).ThenBy(r => r.Id).ToList();

        var page = await compliance.ReadAsync(scope, MonthOf(sunday), ct);
        return new Bulletin(monday, sunday, today, totals, unitRows, leaderRows, new BulletinCompliance(page.Month, page.Subject, page.BelowQuota, page.Behind));
    }

    /// <summary>The week's figures by the metrics page's definitions (<see cref="CaseMetrics.FiguresAsync"/>).</summary>
    public async Task<BulletinFigures> FiguresAsync(IQueryable<PetitionCase> scoped, DateOnly monday, DateOnly sunday, CancellationToken ct = default)
    {
        var received = await metrics.FiguresAsync(scoped.Where(c => c.ReceivedOn >= monday && c.ReceivedOn <= sunday), ct);
        var resolved = await metrics.FiguresAsync(scoped.Where(c => c.ResolvedOn >= monday && c.ResolvedOn <= sunday), ct);
        var standing = await metrics.FiguresAsync(scoped, ct);
        return new BulletinFigures(received.Total, resolved.Resolved, standing.OpenOverdue);
    }

    private static DateOnly MonthOf(DateOnly date) => new(date.Year, date.Month, 1);

    private static IEnumerable<MailBlock> Tables(Microsoft.Extensions.Localization.IStringLocalizer l, Bulletin b)
    {
        static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        var none = l["(not assigned)"].Value;
        var headers = new[] { l["New"].Value, l["Resolved"].Value, l["Overdue"].Value };
        yield return new MailTable([l["Total"], .. headers], [[l["All cases"], N(b.Totals.New), N(b.Totals.Resolved), N(b.Totals.Overdue)]]);
        if (b.ByUnit.Count > 0)
            yield return new MailTable([l["Handling unit"], .. headers],
                b.ByUnit.Select(r => (IReadOnlyList<string>)[r.Id is null ? none : r.Name, N(r.Figures.New), N(r.Figures.Resolved), N(r.Figures.Overdue)]).ToList());
        if (b.ByLeader.Count > 0)
            yield return new MailTable([l["Owning leader"], .. headers],
                b.ByLeader.Select(r => (IReadOnlyList<string>)[r.Id is null ? none : r.Name, N(r.Figures.New), N(r.Figures.Resolved), N(r.Figures.Overdue)]).ToList());
        if (b.Compliance is { } c)
        {
            yield return new MailParagraph(l["Visit compliance in {0:yyyy-MM}: {1} of {2} leaders below the monthly quota.", c.Month, c.BelowQuota, c.Subject]);
            if (c.Behind.Count > 0)
                yield return new MailTable([l["Leader"], l["Unit"], l["Village visit days"], l["Meetings on cases"]],
                    c.Behind.Select(r => (IReadOnlyList<string>)[r.Name, r.Unit, N(r.VisitDays), N(r.Meetings)]).ToList());
        }
    }
}
