using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Core.Rotas.Model;
using Reception.Web.Features.Rotas;

namespace Reception.Web.Features.Home;

/// <summary>How an agenda line is shown: something to act on now, to watch, or for information.</summary>
public enum AgendaTone
{
    Info,
    Warning,
    Danger,
}

/// <summary>
/// One line of the home page's agenda: a resource key for its label, the count or fact (already formatted, or a
/// <see cref="Message"/> the page renders), where to act on it, and its tone.
/// </summary>
public sealed record AgendaItem(string Key, string Label, int? Count, Message? Text, string? Link, AgendaTone Tone);

/// <summary>
/// The home page's "today" agenda for the signed-in user: what needs doing, each with a count and a link to the list
/// that shows exactly those things. Every query goes through the same scope filter as the page it links to
/// (<see cref="ScopeFilters"/> with the user's <see cref="UserScope"/>), so a township clerk counts the township's work only. A handful of small queries, each on an indexed column.
/// </summary>
public sealed class HomeAgenda(AppDbContext db, CurrentUser me, RotaRepairs repairs, Reception.Web.Features.Cases.CaseRules rules)
{
    public const string Red = "red", Yellow = "yellow", ToAccept = "to-accept", ToAssign = "to-assign",
        DutyToday = "duty-today", Unrecorded = "unrecorded", SwapsToApprove = "swaps-to-approve",
        NextDuty = "next-duty", NextVisit = "next-visit", SwapsForMe = "swaps-for-me", RotaProblems = "rota-problems",
        Dissatisfied = "dissatisfied";

    /// <summary>Names listed for today's duties before "and N more".</summary>
    public const int NamesShown = 4;

    public async Task<IReadOnlyList<AgendaItem>> ForTodayAsync(DateOnly today, CancellationToken ct = default)
    {
        var items = new List<AgendaItem>();
        var scope = me.Scope;
        var clerk = scope.Is(Roles.Clerk);
        var supervisor = scope.Is(Roles.Supervisor);
        var leader = scope.Is(Roles.Leader) && scope.LeaderId is not null;
        var handler = scope.Is(Roles.UnitHandler);

        if (clerk || supervisor || leader || handler)
        {
            // Open cases by colour, one grouped query over the open-cases index.
            var colours = await db.Cases.AsNoTracking().VisibleTo(db, scope).Where(c => c.Colour != null)
                .GroupBy(c => c.Colour).Select(g => new { Colour = g.Key, Count = g.Count() }).ToListAsync(ct);
            int Of(SupervisionColour colour) => colours.Where(c => c.Colour == colour).Sum(c => c.Count);
            string List(SupervisionColour colour) => clerk || supervisor
                ? $"/Cases?open=true&colour={colour}"
                : leader ? "/MyCases" : "/Queue";
            var red = Of(SupervisionColour.Red);
            var yellow = Of(SupervisionColour.Yellow);
            items.Add(new AgendaItem(Red, AgendaTexts.Red, red, null, List(SupervisionColour.Red), red > 0 ? AgendaTone.Danger : AgendaTone.Info));
            items.Add(new AgendaItem(Yellow, AgendaTexts.Yellow, yellow, null, List(SupervisionColour.Yellow), yellow > 0 ? AgendaTone.Warning : AgendaTone.Info));
        }

        if (clerk)
        {
            var waiting = await db.Cases.AsNoTracking().VisibleTo(db, scope)
                .Where(c => c.State == CaseState.Registered || c.State == CaseState.Accepted)
                .GroupBy(c => c.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(ct);
            var toAccept = waiting.Where(w => w.State == CaseState.Registered).Sum(w => w.Count);
            var toAssign = waiting.Where(w => w.State == CaseState.Accepted).Sum(w => w.Count);
            items.Add(new AgendaItem(ToAccept, AgendaTexts.ToAccept, toAccept, null, "/Cases?state=Registered", toAccept > 0 ? AgendaTone.Warning : AgendaTone.Info));
            items.Add(new AgendaItem(ToAssign, AgendaTexts.ToAssign, toAssign, null, "/Cases?state=Accepted", toAssign > 0 ? AgendaTone.Warning : AgendaTone.Info));

            // 不满意 evaluations whose 复查 request window (counted from the reply) is still open and no appeal is filed yet.
            var repliedFrom = today.AddDays(-rules.Deadlines[DeadlineRules.ReviewRequest].Length);
            var dissatisfied = await db.Cases.AsNoTracking().VisibleTo(db, scope)
                .Where(c => c.Evaluation == Evaluation.Dissatisfied && !c.IsAppealed && c.ReplyDate >= repliedFrom).CountAsync(ct);
            items.Add(new AgendaItem(Dissatisfied, AgendaTexts.Dissatisfied, dissatisfied, null,
                $"/Cases?evaluation=Dissatisfied&appealed=false&replied-from={DateText.Of(repliedFrom)}",
                dissatisfied > 0 ? AgendaTone.Warning : AgendaTone.Info));
        }

        if (clerk || supervisor)
        {
            var onDuty = await DutySlots.Of(db).VisibleTo(scope).Where(s => s.Date == today && s.IsPublished && !s.IsCancelled)
                .OrderBy(s => s.Start).ThenBy(s => s.RuleName).ThenBy(s => s.Id)
                .Select(s => new { s.SessionName, s.LeaderName }).ToListAsync(ct);
            var names = string.Join("、", onDuty.Take(NamesShown).Select(s => $"{s.LeaderName}（{s.SessionName}）"));
            var text = onDuty.Count == 0 ? new Message(AgendaTexts.NoDutyToday)
                : onDuty.Count <= NamesShown ? new Message(AgendaTexts.Names, names)
                : new Message(AgendaTexts.AndMore, names, onDuty.Count - NamesShown);
            items.Add(new AgendaItem(DutyToday, AgendaTexts.DutyToday, null, text, null, AgendaTone.Info));
        }

        if (clerk)
        {
            var monthStart = new DateOnly(today.Year, today.Month, 1);
            var unrecorded = await (from s in DutySlots.Of(db).VisibleTo(scope)
                                    join a in db.DutyAssignments on s.Id equals a.Id
                                    where s.Date >= monthStart && s.Date < today && s.IsPublished && !s.IsCancelled && a.RecordedAtUtc == null
                                    select s.Id).CountAsync(ct);
            items.Add(new AgendaItem(Unrecorded, AgendaTexts.Unrecorded, unrecorded, null, "/Duty?open=true",
                unrecorded > 0 ? AgendaTone.Warning : AgendaTone.Info));
            // Published duties that no longer hold (a day off now, a working day without duty, a leader away): the first
            // month with any is where to act.
            var problems = await repairs.FindAsync(scope, ct: ct);
            items.Add(new AgendaItem(RotaProblems, AgendaTexts.RotaProblems, problems.Count, null, (problems.Count > 0 ? problems[0].MonthUrl : null),
                problems.Count > 0 ? AgendaTone.Danger : AgendaTone.Info));
            var toApprove = await db.SwapRequests.VisibleTo(db, scope).CountAsync(r => r.Status == SwapStatus.Accepted, ct);
            items.Add(new AgendaItem(SwapsToApprove, AgendaTexts.SwapsToApprove, toApprove, null, "/Swaps?show=approval",
                toApprove > 0 ? AgendaTone.Warning : AgendaTone.Info));
        }

        if (leader)
        {
            var leaderId = scope.LeaderId!.Value;
            var next = await DutySlots.Of(db)
                .Where(s => s.LeaderId == leaderId && s.Date >= today && s.IsPublished && !s.IsCancelled)
                .OrderBy(s => s.Date).ThenBy(s => s.Start).Select(s => new { s.Date, s.SessionName, s.RuleName }).FirstOrDefaultAsync(ct);
            items.Add(new AgendaItem(NextDuty, AgendaTexts.NextDuty, null,
                next is null ? new Message(AgendaTexts.NoNextDuty) : new Message(AgendaTexts.DutyLine, Day(next.Date), next.SessionName, next.RuleName),
                null, AgendaTone.Info));

            var visit = await db.Visits.AsNoTracking().Where(v => v.LeaderId == leaderId && v.Date >= today && v.Status == VisitStatus.Planned)
                .OrderBy(v => v.Date).ThenBy(v => v.Id)
                .Select(v => new { v.Id, v.Date, Destination = db.OrgUnits.Where(o => o.Id == v.DestinationId).Select(o => o.Name).First() })
                .FirstOrDefaultAsync(ct);
            items.Add(new AgendaItem(NextVisit, AgendaTexts.NextVisit, null,
                visit is null ? new Message(AgendaTexts.NoNextVisit) : new Message(AgendaTexts.VisitLine, Day(visit.Date), visit.Destination),
                visit is null ? null : "/Visits/Details/" + visit.Id.ToString(CultureInfo.InvariantCulture), AgendaTone.Info));

            var forMe = await db.SwapRequests.VisibleTo(db, scope).CountAsync(r => r.CounterpartLeaderId == leaderId && r.Status == SwapStatus.Requested, ct);
            items.Add(new AgendaItem(SwapsForMe, AgendaTexts.SwapsForMe, forMe, null, "/Swaps?show=forme",
                forMe > 0 ? AgendaTone.Warning : AgendaTone.Info));
        }

        return items;
    }

    /// <summary>"11月24日（星期二）", in the reader's language.</summary>
    private static Message Day(DateOnly date) => new(AlertTexts.Date, date, date.DayOfWeek);
}

/// <summary>The agenda's texts (English keys; zh-CN in SharedResource.zh-CN.resx, checked by ResourceCoverageTests).</summary>
public static class AgendaTexts
{
    public const string Red = "Red cases (seriously overdue or listed)";
    public const string Yellow = "Yellow cases (overdue or without progress)";
    public const string ToAccept = "Registered, waiting for the acceptance decision";
    public const string ToAssign = "Accepted, waiting to be assigned";
    public const string Dissatisfied = "Dissatisfied evaluations, review (复查) may still be requested";
    public const string DutyToday = "On duty today";
    public const string NoDutyToday = "No published duty today.";

    /// <summary>Leader names with their sessions, as they are (the office's own words).</summary>
    public const string Names = "{0}";
    public const string AndMore = "{0} and {1} more";
    public const string Unrecorded = "Past duties this month without a duty record";
    public const string SwapsToApprove = "Swaps waiting for your approval";
    public const string RotaProblems = "Published duties to repair (day off now, no duty, leader away)";
    public const string NextDuty = "My next duty";
    public const string NoNextDuty = "None in the published rotas.";

    /// <summary>{0} = date, {1} = session, {2} = rota rule.</summary>
    public const string DutyLine = "{0} {1} · {2}";
    public const string NextVisit = "My next visit";
    public const string NoNextVisit = "None planned.";

    /// <summary>{0} = date, {1} = destination.</summary>
    public const string VisitLine = "{0} · {1}";
    public const string SwapsForMe = "Swap requests waiting for your answer";
}
