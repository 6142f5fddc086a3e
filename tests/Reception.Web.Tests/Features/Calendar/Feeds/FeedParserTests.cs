using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Cases;
using Reception.Core.Feeds;
using Reception.Core.Rotas.Model;
using Reception.Web.Data;
using Reception.Web.Features.Rotas;
using Reception.Web.Tests.Features.Rotas;

namespace Reception.Web.Tests.Features.Calendar.Feeds;

/// <summary>
/// A demo app at 2026-09-15 (window 2026-08-16 … 2027-03-14) arranged once: the city leader on duty on the make-up
/// Sunday 2026-09-20 has a duty cancelled (and September republished, so the public feed drops that slot), a village
/// visit, an appointment visit, a cancelled visit and an open case he owns with a petitioner whose data must never
/// reach a feed. The city's reception hall and the village visited get names that make the real feeds hard to write:
/// a character outside the BMP (𠮷), commas and semicolons to escape, and lines long enough to fold several times.
/// </summary>
public sealed class FeedParserApp() : AppFixture(app => app.WithClock(RotaDemoApp.NewClock()))
{
    public static readonly DateOnly MakeUpSunday = new(2026, 9, 20);

    public int LeaderId { get; private set; }
    public string LeaderUser { get; private set; } = "";
    public CasePetitioner Petitioner { get; } = new("钱多多", "110101199003074578", "13912345678", "演示市青山镇", "青山村三组 18 号");

    protected override async Task ArrangeAsync()
    {
        var rule = await App.CityRuleIdAsync();
        LeaderId = (await App.AssignmentAsync(rule, MakeUpSunday))!.LeaderId;
        LeaderUser = await App.WithDbAsync(db => db.Users.Where(u => u.LeaderId == LeaderId).Select(u => u.UserName!).FirstAsync());
        Clock.Advance(TimeSpan.FromHours(1));

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var planner = scope.ServiceProvider.GetRequiredService<RotaPlanner>();
        var now = Clock.GetUtcNow().UtcDateTime;

        // The leader's next city duty after the make-up Sunday, cancelled, and its month published again.
        var mine = await db.DutyAssignments.Where(a => a.RotaMonth!.DutyRuleId == rule && a.LeaderId == LeaderId && a.Date > MakeUpSunday)
            .OrderBy(a => a.Date).FirstAsync();
        var month = await db.RotaMonths.SingleAsync(m => m.Id == mine.RotaMonthId);
        CancelledDutyId = mine.Id;
        await planner.SetSlotAsync(month, mine.Date, mine.SessionIndex, null);
        await db.SaveChangesAsync();
        await planner.PublishAsync(month, "测试");
        await db.SaveChangesAsync();

        var villages = await db.OrgUnits.Where(o => o.Code != "demo" && o.Parent != null && o.Parent.Code == "qingshan").OrderBy(o => o.Id).Take(3).ToListAsync();
        villages[0].Rename(VillageName, villages[0].SortOrder);
        var hall = await db.DutyRules.Where(r => r.Id == rule).Select(r => r.Venue!).SingleAsync();
        hall.Update(HallName, HallAddress, hall.IsActive);
        VisitLocation = (await db.OrgUnits.SingleAsync(o => o.Code == "qingshan")).Name + " · " + VillageName;
        var planned = new Visit(LeaderId, new DateOnly(2026, 10, 12), villages[0].Id, "走访", null, now);
        var appointment = new Visit(LeaderId, new DateOnly(2026, 10, 13), villages[1].Id, "约访钱多多", null, now);
        appointment.SetKind(VisitKind.Appointment, now);
        var cancelled = new Visit(LeaderId, new DateOnly(2026, 10, 14), villages[2].Id, "走访", null, now);
        cancelled.Cancel(now);
        db.Visits.AddRange(planned, appointment, cancelled);

        await db.SaveChangesAsync();

        var unit = await db.OrgUnits.SingleAsync(o => o.Code == "zrzyj");
        CaseId = await App.NewCase().Received(new DateOnly(2026, 9, 15))
            .Summary("钱多多反映征地补偿款未到位", "钱多多，身份证 110101199003074578，电话 13912345678").Petitioner(Petitioner)
            .RegisteredBy("clerk", now)
            .Then(c =>
            {
                c.Accept("clerk", now);
                c.Assign(LeaderId, unit.Id, null, null, null, "clerk", now);
            })
            .SaveIdAsync();
    }

    public const string VillageName = "松林村𠮷祥组, 第三片区; 东侧";
    public const string HallName = "市信访接待中心（𠮷祥楼）, 一楼; 大厅";
    public const string HallAddress = "人民路 88 号，市民服务中心三楼三〇二室；请从东门进入，值班电话见门口公告栏, 节假日照常接待";

    /// <summary>The LOCATION of the planned visit: township · village.</summary>
    public string VisitLocation { get; private set; } = "";

    public int CancelledDutyId { get; private set; }
    public int CaseId { get; private set; }

}

/// <summary>
/// Every feed parses in Mozilla's ical.js and Debian's python3-icalendar without an error on any component, and what they
/// read equals the database (count, UID, start and end in Asia/Shanghai, status), make-up working day and cancellations
/// included. The expectations are read from the tables here, not through the feed code.
/// </summary>
public sealed class FeedParserTests(FeedParserApp fixture) : IClassFixture<FeedParserApp>
{
    private static readonly DateOnly First = new(2026, 8, 16);
    private static readonly DateOnly Last = new(2027, 3, 14);

    private ReceptionFactory App => fixture.App;

    [Fact]
    public async Task PublicFeedOfTheDemo_ParsesCleanly_AndEqualsThePublishedRota()
    {
        var ics = await App.FeedAsync("/calendar/demo.ics");

        var expected = await App.WithDbAsync(async db =>
        {
            var versions = await (from m in db.RotaMonths
                                  join r in db.DutyRules on m.DutyRuleId equals r.Id
                                  join o in db.OrgUnits on r.OrgUnitId equals o.Id
                                  join v in db.RotaVersions on m.Id equals v.RotaMonthId
                                  where o.Code == "demo" && r.IsActive
                                  orderby v.Number
                                  select new { MonthId = m.Id, v.Number, m.PublishedNumber, v.SnapshotJson }).ToListAsync();
            var rows = new List<Row>();
            foreach (var month in versions.GroupBy(v => v.MonthId))
            {
                // Sessions closed on purpose are no duty (the duty that was there shows cancelled) and have an event of their own.
                var all = month.Select(v => System.Text.Json.JsonSerializer.Deserialize<List<PublishedDuty>>(v.SnapshotJson)!.Where(d => !d.Closed).ToList()).ToList();
                var latest = all[^1].ToDictionary(d => (d.Date, d.SessionIndex));
                foreach (var c in RotaVersion.Read(month.Last().SnapshotJson).Where(d => d.Closed && d.Date >= First && d.Date <= Last))
                {
                    rows.Add(new Row($"closed-{month.Key}-{c.Date:yyyyMMdd}-{c.SessionIndex}@reception",
                        FeedTime.Local(c.Date, c.Start), FeedTime.Local(c.Date, c.End), "CONFIRMED"));
                }
                foreach (var d in all.SelectMany(x => x).DistinctBy(d => (d.Date, d.SessionIndex)).Where(d => d.Date >= First && d.Date <= Last))
                {
                    rows.Add(new Row($"duty-{month.Key}-{d.Date:yyyyMMdd}-{d.SessionIndex}@reception",
                        FeedTime.Local(d.Date, d.Start), FeedTime.Local(d.Date, d.End),
                        latest.ContainsKey((d.Date, d.SessionIndex)) ? "CONFIRMED" : "CANCELLED"));
                }
            }
            return rows;
        });

        Assert.Contains(expected, r => r.Start.Date == FeedParserApp.MakeUpSunday && r.Status == "CONFIRMED");
        Assert.Contains(expected, r => r.Start.Date == new DateOnly(2026, 10, 10) && r.Status == "CONFIRMED"); // the make-up Saturday
        Assert.Single(expected, r => r.Status == "CANCELLED");
        await AssertParsedAsync(ics, expected);

        // And the same duties as the public rota page shows (this month and next).
        var page = await App.CreateAppClient().GetPageAsync("/rota/demo");
        var events = FeedTesting.Events(ics).Where(e => e.Status == "CONFIRMED" && !e.Properties["UID"].StartsWith("closed-", StringComparison.Ordinal)).ToList();
        var shown = page.QuerySelectorAll("main td[data-date] .slot .who")
            .Select(w => (Date: w.Closest("td")!.GetAttribute("data-date")!, Name: w.TextContent.Trim())).ToList();
        Assert.Equal(shown.Count, events.Count); // only September and October are published, and the page shows both
        foreach (var (date, name) in shown)
        {
            var day = date.Replace("-", "", StringComparison.Ordinal);
            Assert.Contains(events, e => e.Properties["DTSTART"].StartsWith(day, StringComparison.Ordinal) && e.Summary.Contains(name, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task PersonalFeed_ParsesCleanly_EqualsTheLeadersDutiesVisitsAndDeadlines_AndHasNoPetitionerData()
    {
        var ics = await App.FeedAsync(await App.CreateLinkAsync(fixture.LeaderUser));
        var leader = fixture.LeaderId;

        var expected = await App.WithDbAsync(async db =>
        {
            var rows = ToRows(await DutyRows(db).Where(d => d.LeaderId == leader).ToListAsync());
            rows.AddRange(await VisitRows(db, db.Visits.Where(v => v.LeaderId == leader)));
            var open = Enum.GetValues<CaseState>().Where(PetitionCase.IsOpenState).ToList();
            var cases = await db.Cases.Where(c => c.OwnerLeaderId == leader && open.Contains(c.State) && c.DueOn >= First && c.DueOn <= Last)
                .Select(c => new { c.Id, DueOn = c.DueOn!.Value }).ToListAsync();
            rows.AddRange(cases.Select(c => new Row($"case-{c.Id}-due@reception", FeedTime.AllDay(c.DueOn), FeedTime.AllDay(c.DueOn.AddDays(1)), "CONFIRMED")));
            return rows;
        });

        Assert.Contains(expected, r => r.Start.Date == FeedParserApp.MakeUpSunday && r.Uid.StartsWith("duty-", StringComparison.Ordinal));
        Assert.Contains(expected, r => r.Uid == $"duty-{fixture.CancelledDutyId}@reception" && r.Status == "CANCELLED");
        Assert.Contains(expected, r => r.Uid == $"case-{fixture.CaseId}-due@reception");
        Assert.Equal(3, expected.Count(r => r.Uid.StartsWith("visit-", StringComparison.Ordinal) && r.Start.Date.Month == 10 && r.Start.Date.Day is >= 12 and <= 14));
        Assert.Contains(expected, r => r.Uid.StartsWith("visit-", StringComparison.Ordinal) && r.Status == "CANCELLED");
        var parsed = await AssertParsedAsync(ics, expected);

        // The hard names read back whole in both parsers: a visit's village, a duty's hall and address.
        var hall = FeedParserApp.HallName + "，" + FeedParserApp.HallAddress;
        foreach (var (name, reading) in new[] { ("ical.js", await IcsParsers.IcalJsAsync(ics)), ("python-icalendar", await IcsParsers.PythonIcalendarAsync(ics)) })
        {
            Assert.True(reading.Events.Any(e => e.Location == fixture.VisitLocation), $"{name}: no visit at {fixture.VisitLocation}");
            Assert.True(reading.Events.Any(e => e.Uid!.StartsWith("duty-", StringComparison.Ordinal) && e.Location == hall), $"{name}: no duty at {hall}");
        }
        Assert.Contains("\r\n ", Encoding.UTF8.GetString(ics), StringComparison.Ordinal); // folded lines were written and read

        // Reminders on what is still on; none on what is cancelled.
        Assert.All(parsed.Where(e => e.Status == "CONFIRMED"), e => Assert.NotEmpty(e.Alarms));
        Assert.All(parsed.Where(e => e.Status == "CANCELLED"), e => Assert.Empty(e.Alarms));
        var number = await App.WithDbAsync(db => db.Cases.Where(c => c.Id == fixture.CaseId).Select(c => c.Number).SingleAsync());
        Assert.Equal($"包案到期：{number} 征地拆迁", parsed.Single(e => e.Uid == $"case-{fixture.CaseId}-due@reception").Summary);
        Assert.Contains(parsed, e => e.Summary!.StartsWith("约访：", StringComparison.Ordinal));

        // No petitioner's name, ID number, phone or address: neither this arrangement's nor any demo case's of this leader.
        var petitioners = await App.WithDbAsync(db => (from p in db.CasePetitioners
                                                       join c in db.Cases on EF.Property<int>(p, "PetitionCaseId") equals c.Id
                                                       where c.OwnerLeaderId == leader
                                                       select new { p.Name, p.IdentityNumber, p.Phone, p.Address }).ToListAsync());
        Assert.Contains(petitioners, p => p.Name == fixture.Petitioner.Name);
        var text = Encoding.UTF8.GetString(ics).Replace("\r\n ", "", StringComparison.Ordinal);
        foreach (var p in petitioners)
        {
            foreach (var value in new[] { p.Name, p.IdentityNumber, p.Phone, p.Address }.Where(v => !string.IsNullOrEmpty(v)))
            {
                Assert.False(text.Contains(value!, StringComparison.Ordinal), $"The personal feed contains petitioner data: {value}");
                Assert.True(ics.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value!)) < 0, $"The feed's bytes contain petitioner data: {value}");
            }
        }
        Assert.DoesNotContain("征地补偿款", text, StringComparison.Ordinal); // nor the case summary
    }

    [Fact]
    public async Task OfficeFeedOfTheClerk_ParsesCleanly_AndEqualsEveryDutyAndVisitInScope()
    {
        var ics = await App.FeedAsync(await App.CreateLinkAsync("clerk"));

        var expected = await App.WithDbAsync(async db =>
        {
            var rows = ToRows(await DutyRows(db).Where(d => d.Path.StartsWith("/demo/")).ToListAsync());
            rows.AddRange(await VisitRows(db, db.Visits.Where(v => db.Leaders.Any(l => l.Id == v.LeaderId && l.OrgUnit!.Path.StartsWith("/demo/")))));
            return rows;
        });

        Assert.Contains(expected, r => r.Start.Date == new DateOnly(2026, 10, 10));
        Assert.Contains(expected, r => r.Uid == $"duty-{fixture.CancelledDutyId}@reception" && r.Status == "CANCELLED");
        Assert.True(expected.Select(r => r.Uid).Count(u => u.StartsWith("duty-", StringComparison.Ordinal)) > 40);
        var parsed = await AssertParsedAsync(ics, expected);
        Assert.All(parsed, e => Assert.Empty(e.Alarms)); // the office calendar does not ring
    }

    /// <summary>Both parsers: no errors, and the events (UID, start, end, status) equal <paramref name="expected"/>. Returns ical.js's reading.</summary>
    private static async Task<IReadOnlyList<ParsedEvent>> AssertParsedAsync(byte[] ics, IReadOnlyList<Row> expected)
    {
        Assert.Empty(IcsParsers.ByteLevelErrors(ics));
        var want = expected.OrderBy(r => r.Uid, StringComparer.Ordinal).ToList();
        Assert.Equal(want.Count, want.Select(r => r.Uid).Distinct().Count());
        IReadOnlyList<ParsedEvent>? first = null;
        foreach (var (name, parse) in new (string, Func<byte[], Task<ParsedCalendar>>)[] { ("ical.js", b => IcsParsers.IcalJsAsync(b)), ("python-icalendar", IcsParsers.PythonIcalendarAsync) })
        {
            var parsed = await parse(ics);
            Assert.True(parsed.Errors.Count == 0, $"{name}: {parsed}");
            var got = parsed.Events.Select(e => new Row(e.Uid!, e.Start!.Value, e.End!.Value, e.Status!)).OrderBy(r => r.Uid, StringComparer.Ordinal).ToList();
            Assert.Equal(want.Count, got.Count);
            Assert.Equal(want, got);
            first ??= parsed.Events;
        }
        return first!;
    }

    /// <summary>Duties of published months of active rules in the window, with their rule's org path.</summary>
    private static IQueryable<DutyWithPath> DutyRows(AppDbContext db) =>
        from a in db.DutyAssignments
        join m in db.RotaMonths on a.RotaMonthId equals m.Id
        join r in db.DutyRules on m.DutyRuleId equals r.Id
        join o in db.OrgUnits on r.OrgUnitId equals o.Id
        join s in db.Set<DutyRuleSession>() on new { Rule = r.Id, Index = a.SessionIndex } equals new { Rule = s.DutyRuleId, Index = s.Index }
        where m.PublishedNumber > 0 && r.IsActive && a.Date >= First && a.Date <= Last
        select new DutyWithPath { Id = a.Id, LeaderId = a.LeaderId, Path = o.Path, Date = a.Date, Start = s.Start, End = s.End, IsCancelled = a.IsCancelled };

    private static List<Row> ToRows(IEnumerable<DutyWithPath> duties) =>
        duties.Select(d => new Row($"duty-{d.Id}@reception", FeedTime.Local(d.Date, d.Start), FeedTime.Local(d.Date, d.End),
            d.IsCancelled ? "CANCELLED" : "CONFIRMED")).ToList();

    private static async Task<List<Row>> VisitRows(AppDbContext db, IQueryable<Visit> visits) =>
        (await visits.Where(v => v.Date >= First && v.Date <= Last).Select(v => new { v.Id, v.Date, v.Status }).ToListAsync())
        .Select(v => new Row($"visit-{v.Id}@reception", FeedTime.AllDay(v.Date), FeedTime.AllDay(v.Date.AddDays(1)),
            v.Status == VisitStatus.Cancelled ? "CANCELLED" : "CONFIRMED"))
        .ToList();

    private sealed class DutyWithPath
    {
        public int Id { get; init; }
        public int LeaderId { get; init; }
        public string Path { get; init; } = "";
        public DateOnly Date { get; init; }
        public TimeOnly Start { get; init; }
        public TimeOnly End { get; init; }
        public bool IsCancelled { get; init; }
    }

    public sealed record Row(string Uid, FeedTime Start, FeedTime End, string Status);
}
