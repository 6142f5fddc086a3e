using Reception.Core.Cases;
using Reception.Core.Feeds;
using Reception.Core.Organisation;
using Reception.Core.Rotas.Model;
using Reception.Web.Features.Visits;

namespace Reception.Web.Features.Calendar.Feeds;

/// <summary>
/// What each calendar feed contains (DESIGN.md "Calendar feeds"), read in a few set-based queries and turned into the
/// feed model that <see cref="FeedRenderer"/> renders with Ical.Net. Texts are rendered in the current UI culture (the
/// endpoint sets the token owner's language). Every method takes "today" in Beijing, so a feed is read for the same window
/// as its content version (<see cref="FeedLookups"/>) was.
/// <list type="bullet">
/// <item>Public: the published versions of the org unit's own active rotas, as on /rota/{code}; every slot ever
/// published stays, cancelled when the latest version no longer has it.</item>
/// <item>Personal: the leader's duties in published months (the live rows: a change the office makes shows at the
/// next refresh; a never-published draft does not), visits and appointment visits, and the due dates of the open cases
/// they own — case number and category only.</item>
/// <item>Office: every duty and visit in the owner's org subtree (same rules, no reminders).</item>
/// </list>
/// Visit purposes are free text that may name a petitioner, so no feed carries them; the event links to the visit page.
/// </summary>
public sealed class FeedQueries(AppDbContext db, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The host-independent right-hand side of every UID.</summary>
    public const string UidDomain = "reception";

    public const int DaysBack = 30;
    public const int DaysAhead = 180;

    public static readonly TimeSpan TokenRefresh = TimeSpan.FromHours(1);
    public static readonly TimeSpan PublicRefresh = TimeSpan.FromHours(4);

    // Reminders: 20:00 the evening before (from the event's start), one hour before a timed duty, 09:00 three days before a case is due.
    private static readonly TimeSpan EveningBeforeMidnight = TimeSpan.FromHours(4);
    private static readonly TimeSpan MorningThreeDaysBefore = TimeSpan.FromDays(3) - TimeSpan.FromHours(9);

    public const string DutySummary = "Reception duty: {0} ({1})";
    public const string CancelledSummary = "[Cancelled] {0}";
    public const string ClosedSummary = "No duty in this session";
    public const string VillageVisitSummary = "Village visit: {0}, {1}";
    public const string AppointmentSummary = "Appointment visit: {0}, {1}";
    public const string CaseDueSummary = "Case due: {0} {1}";
    public const string PersonalName = "{0}: duties, visits and case deadlines";
    public const string OfficeName = "{0}: duties and visits (office)";
    public const string PublicName = "{0} leaders' reception rota";

    private TextSet? _texts;

    /// <summary>The resource texts in the current UI culture, looked up once per feed rather than once per event.</summary>
    private TextSet Texts => _texts is { } t && t.Culture == CultureInfo.CurrentUICulture.Name ? t : _texts = new TextSet(localizer);

    /// <summary>From 30 days back to 180 days ahead of <paramref name="today"/>, both inclusive.</summary>
    public static (DateOnly From, DateOnly To) Window(DateOnly today) => (today.AddDays(-DaysBack), today.AddDays(DaysAhead));

    /// <summary>The first day of the first month the window touches (rota months are keyed by their first day).</summary>
    public static DateOnly FirstMonth(DateOnly today)
    {
        var first = Window(today).From;
        return new DateOnly(first.Year, first.Month, 1);
    }

    /// <summary>The active org unit a public feed belongs to; null when there is none with that code.</summary>
    public Task<PublicFeedUnit?> PublicUnitAsync(string orgCode, CancellationToken ct = default)
    {
        var code = OrgUnit.NormalizeCode(orgCode);
        return db.OrgUnits.AsNoTracking().Where(o => o.Code == code && o.IsActive)
            .Select(o => new PublicFeedUnit(o.Id, o.Code, o.Name)).SingleOrDefaultAsync(ct);
    }

    /// <summary>The public feed of an active org unit; null when there is none with that code.</summary>
    public async Task<FeedCalendar?> PublicAsync(string orgCode, Uri site, DateOnly today, CancellationToken ct = default)
    {
        var unit = await PublicUnitAsync(orgCode, ct);
        if (unit is null) return null;

        var (first, last) = Window(today);
        var firstMonth = FirstMonth(today);
        var versions = await (from m in db.RotaMonths.AsNoTracking()
                              join r in db.DutyRules on m.DutyRuleId equals r.Id
                              join v in db.RotaVersions on m.Id equals v.RotaMonthId
                              where r.OrgUnitId == unit.Id && r.IsActive && m.PublishedNumber > 0 && m.Month >= firstMonth && m.Month <= last
                                    && v.Number <= m.PublishedNumber
                              orderby m.Id, v.Number
                              select new { MonthId = m.Id, Venue = r.Venue!.Name, r.Venue.Address, v.PublishedAtUtc, v.SnapshotJson })
            .ToListAsync(ct);

        var url = new Uri(site, "rota/" + unit.Code);
        var events = new List<FeedEvent>();
        foreach (var month in versions.GroupBy(v => v.MonthId))
        {
            var location = Location(month.Last().Venue, month.Last().Address);
            var slots = new Dictionary<(DateOnly, int), SlotHistory>();
            IReadOnlyList<PublishedDuty> closed = [];
            DateTime closedAt = default;
            foreach (var version in month)
            {
                var entries = RotaVersion.Read(version.SnapshotJson);
                var duties = entries.Where(d => !d.Closed).ToList();
                closed = entries.Where(d => d.Closed).ToList(); // the latest version's closed sessions
                closedAt = version.PublishedAtUtc;
                var now = duties.ToDictionary(d => (d.Date, d.SessionIndex));
                foreach (var key in slots.Keys.Union(now.Keys).ToList())
                {
                    var current = now.GetValueOrDefault(key);
                    if (!slots.TryGetValue(key, out var history)) slots[key] = history = new SlotHistory();
                    history.Observe(current, version.PublishedAtUtc);
                }
            }
            foreach (var ((date, session), history) in slots)
            {
                if (date < first || date > last || history.Last is not { } duty) continue;
                var summary = Texts[DutySummary, duty.LeaderName, duty.LeaderTitle].Value;
                var cancelled = history.Current is null;
                events.Add(new FeedEvent(
                    string.Create(CultureInfo.InvariantCulture, $"duty-{month.Key}-{date:yyyyMMdd}-{session}@{UidDomain}"),
                    FeedTime.Local(date, duty.Start), FeedTime.Local(date, duty.End),
                    cancelled ? Texts[CancelledSummary, summary].Value : summary,
                    cancelled ? FeedEventStatus.Cancelled : FeedEventStatus.Confirmed,
                    history.Changes - 1, history.LastChangedUtc)
                {
                    Location = location,
                    Description = duty.SessionName,
                    Url = url,
                });
            }
            // A session closed on purpose says so (本时段不安排值班): a citizen reading the calendar sees it is closed, not a gap.
            foreach (var c in closed.Where(c => c.Date >= first && c.Date <= last))
            {
                events.Add(new FeedEvent(
                    string.Create(CultureInfo.InvariantCulture, $"closed-{month.Key}-{c.Date:yyyyMMdd}-{c.SessionIndex}@{UidDomain}"),
                    FeedTime.Local(c.Date, c.Start), FeedTime.Local(c.Date, c.End),
                    Texts[ClosedSummary].Value, FeedEventStatus.Confirmed, 0, closedAt)
                {
                    Location = location,
                    Description = c.SessionName,
                    Url = url,
                });
            }
        }
        return new FeedCalendar(Texts[PublicName, unit.Name].Value, PublicRefresh, Ordered(events));
    }

    /// <summary>A leader's own calendar, with reminders.</summary>
    public async Task<FeedCalendar> PersonalAsync(int leaderId, string ownerName, Uri site, DateOnly today, CancellationToken ct = default)
    {
        var (first, last) = Window(today);
        var events = new List<FeedEvent>();
        events.AddRange((await Duties(first, last, leaderId, null).ToListAsync(ct)).Select(d => Duty(d, site, reminders: true)));
        events.AddRange((await Visits(first, last, leaderId, null).ToListAsync(ct)).Select(v => Visit(v, site, reminders: true)));

        var open = CaseStates.Open.ToList();
        var cases = await (from c in db.Cases.AsNoTracking()
                           join g in db.CaseCategories on c.CategoryCode equals g.Code into categories
                           from g in categories.DefaultIfEmpty()
                           where c.OwnerLeaderId == leaderId && open.Contains(c.State) && c.DueOn != null && c.DueOn >= first && c.DueOn <= last
                           select new
                           {
                               c.Id,
                               c.Number,
                               Category = g == null ? c.CategoryCode : g.Name,
                               DueOn = c.DueOn!.Value,
                               c.Version,
                               // Not ColourChanged: the hourly recolouring writes those in bulk, past the feed versions, and
                               // a colour is not in the feed.
                               Changed = db.CaseEvents.Where(e => e.PetitionCaseId == c.Id && e.Kind != CaseEventKind.ColourChanged).Max(e => (DateTime?)e.AtUtc),
                           }).ToListAsync(ct);
        foreach (var c in cases)
        {
            var summary = Texts[CaseDueSummary, c.Number.ToString(), c.Category].Value;
            events.Add(new FeedEvent(Uid("case", c.Id, "-due"), FeedTime.AllDay(c.DueOn), FeedTime.AllDay(c.DueOn.AddDays(1)), summary,
                FeedEventStatus.Confirmed, c.Version, c.Changed ?? DateTime.UnixEpoch)
            {
                Url = new Uri(site, "Cases/Details/" + c.Id.ToString(CultureInfo.InvariantCulture)),
                Alarms = [new FeedAlarm(MorningThreeDaysBefore, summary), new FeedAlarm(EveningBeforeMidnight, summary)],
            });
        }
        return new FeedCalendar(Texts[PersonalName, ownerName].Value, TokenRefresh, Ordered(events));
    }

    /// <summary>Every duty and visit under <paramref name="orgPath"/>, without reminders.</summary>
    public async Task<FeedCalendar> OfficeAsync(string orgPath, string orgName, Uri site, DateOnly today, CancellationToken ct = default)
    {
        var (first, last) = Window(today);
        var events = new List<FeedEvent>();
        events.AddRange((await Duties(first, last, null, orgPath).ToListAsync(ct)).Select(d => Duty(d, site, reminders: false)));
        events.AddRange((await Visits(first, last, null, orgPath).ToListAsync(ct)).Select(v => Visit(v, site, reminders: false)));
        return new FeedCalendar(Texts[OfficeName, orgName].Value, TokenRefresh, Ordered(events));
    }

    /// <summary>Duties of one leader, or of every rule under an org path (a duty belongs to its rule's org unit).</summary>
    private IQueryable<DutyRow> Duties(DateOnly first, DateOnly last, int? leaderId, string? orgPath)
    {
        var slots = DutySlots.Of(db).Published().Where(s => s.Date >= first && s.Date <= last);
        if (leaderId is { } id) slots = slots.Where(s => s.LeaderId == id);
        if (orgPath is not null) slots = slots.Where(s => s.OrgPath.StartsWith(orgPath));
        return slots.Select(s => new DutyRow(s.Id, s.DutyRuleId, s.Month, s.RuleName, s.Date, s.SessionName, s.Start, s.End, s.VenueName,
            s.VenueAddress, s.LeaderName, s.LeaderTitle, s.IsCancelled, s.Sequence, s.UpdatedAtUtc));
    }

    /// <summary>Visits of one leader, or of every leader under an org path (a visit belongs to its leader's org unit, as on the visit pages).</summary>
    private IQueryable<VisitRow> Visits(DateOnly first, DateOnly last, int? leaderId, string? orgPath)
    {
        var visits = db.Visits.Where(v => v.Date >= first && v.Date <= last);
        if (leaderId is { } id) visits = visits.Where(v => v.LeaderId == id);
        var leaders = orgPath is null ? db.Leaders : db.Leaders.Where(l => l.OrgUnit!.Path.StartsWith(orgPath));
        return from v in visits
               join x in leaders on v.LeaderId equals x.Id
               join o in VisitDestinations.Of(db) on v.DestinationId equals o.Id
               select new VisitRow(v.Id, v.Date, v.Kind, v.Status, x.Name,
                   o.Label,
                   v.Sequence, v.UpdatedAtUtc);
    }

    private FeedEvent Duty(DutyRow d, Uri site, bool reminders)
    {
        var summary = Texts[DutySummary, d.LeaderName, d.LeaderTitle].Value;
        var month = DateText.Month(d.Month);
        return new FeedEvent(Uid("duty", d.Id), FeedTime.Local(d.Date, d.Start), FeedTime.Local(d.Date, d.End),
            d.IsCancelled ? Texts[CancelledSummary, summary].Value : summary,
            d.IsCancelled ? FeedEventStatus.Cancelled : FeedEventStatus.Confirmed, d.Sequence, d.UpdatedAtUtc)
        {
            Location = Location(d.Venue, d.Address),
            Description = d.RuleName + " · " + d.SessionName,
            Url = new Uri(site, string.Create(CultureInfo.InvariantCulture, $"Rotas/Month?rule={d.RuleId}&month={month}")),
            Alarms = reminders && !d.IsCancelled
                ? [new FeedAlarm(d.Start.ToTimeSpan() + EveningBeforeMidnight, summary), new FeedAlarm(TimeSpan.FromHours(1), summary)]
                : [],
        };
    }

    private FeedEvent Visit(VisitRow v, Uri site, bool reminders)
    {
        var summary = Texts[v.Kind == VisitKind.Appointment ? AppointmentSummary : VillageVisitSummary, v.LeaderName, v.Destination].Value;
        var cancelled = v.Status == VisitStatus.Cancelled;
        return new FeedEvent(Uid("visit", v.Id), FeedTime.AllDay(v.Date), FeedTime.AllDay(v.Date.AddDays(1)),
            cancelled ? Texts[CancelledSummary, summary].Value : summary,
            cancelled ? FeedEventStatus.Cancelled : FeedEventStatus.Confirmed, v.Sequence, v.UpdatedAtUtc)
        {
            Location = v.Destination,
            Url = new Uri(site, "Visits/Details/" + v.Id.ToString(CultureInfo.InvariantCulture)),
            Alarms = reminders && !cancelled ? [new FeedAlarm(EveningBeforeMidnight, summary)] : [],
        };
    }

    private static string Uid(string kind, int id, string suffix = "") =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}-{id}{suffix}@{UidDomain}");

    private static string Location(string venue, string address) =>
        string.IsNullOrWhiteSpace(address) ? venue : venue + "，" + address;

    private static List<FeedEvent> Ordered(List<FeedEvent> events) =>
        events.OrderBy(e => e.Start.Date).ThenBy(e => e.Start.Time ?? TimeOnly.MinValue).ThenBy(e => e.Uid, StringComparer.Ordinal).ToList();

    /// <summary>The feed texts as format strings of one culture.</summary>
    private sealed class TextSet(IStringLocalizer localizer)
    {
        private readonly Dictionary<string, string> _formats = [];

        public string Culture { get; } = CultureInfo.CurrentUICulture.Name;

        public Text this[string key, params object[] args]
        {
            get
            {
                if (!_formats.TryGetValue(key, out var format)) _formats[key] = format = localizer[key].Value;
                return new Text(string.Format(CultureInfo.CurrentCulture, format, args));
            }
        }
    }

    private readonly record struct Text(string Value);

    /// <summary>One published slot across the versions of its month: how often it changed, when last, and what it was.</summary>
    private sealed class SlotHistory
    {
        public PublishedDuty? Current { get; private set; }

        /// <summary>The slot's latest duty, or its last one before it was dropped.</summary>
        public PublishedDuty? Last { get; private set; }
        public int Changes { get; private set; }
        public DateTime LastChangedUtc { get; private set; }

        public void Observe(PublishedDuty? duty, DateTime publishedAtUtc)
        {
            if (duty == Current) return;
            Current = duty;
            Last = duty ?? Last;
            Changes++;
            LastChangedUtc = publishedAtUtc;
        }
    }

    public sealed record PublicFeedUnit(int Id, string Code, string Name);

    private sealed record DutyRow(int Id, int RuleId, DateOnly Month, string RuleName, DateOnly Date,
        string SessionName, TimeOnly Start, TimeOnly End, string Venue, string Address, string LeaderName, string LeaderTitle,
        bool IsCancelled, int Sequence, DateTime UpdatedAtUtc);

    private sealed record VisitRow(int Id, DateOnly Date, VisitKind Kind, VisitStatus Status,
        string LeaderName, string Destination, int Sequence, DateTime UpdatedAtUtc);
}
