using Reception.Core.Organisation;
using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;
using Reception.Core.Time;
using Reception.Web.Features.Rotas;

namespace Reception.Web.Features.Demo;

/// <summary>
/// The demo city's rotas: the 12 city leaders rotate at the reception hall; two townships have their
/// main leaders on Monday and Friday and deputies on the other days. This month and next are
/// generated and published, with some leave and some village visits.
/// </summary>
public sealed class DemoRotas(AppDbContext db, RotaPlanner planner, TimeProvider clock)
{
    private static readonly DutySession FullDay = new("全天", new TimeOnly(8, 30), new TimeOnly(17, 30));

    private static readonly (string Township, string Venue, string Address, (string Name, string Title, LeadingBody Body, DayOfWeek? Fixed)[] Leaders)[] Townships =
    [
        ("qingshan", "青山镇综治中心接待室", "青山镇政府大院东侧", [
            ("刘海峰", "镇党委书记", LeadingBody.PartyCommittee, DayOfWeek.Monday),
            ("陈国强", "镇长", LeadingBody.Government, DayOfWeek.Friday),
            ("王丽", "镇党委副书记", LeadingBody.PartyCommittee, null),
            ("赵刚", "副镇长", LeadingBody.Government, null),
            ("孙伟", "副镇长", LeadingBody.Government, null)]),
        ("dongcheng", "东城街道群众接待室", "东城街道办事处一楼", [
            ("李娜", "街道党工委书记", LeadingBody.PartyCommittee, DayOfWeek.Monday),
            ("周涛", "街道办事处主任", LeadingBody.Government, DayOfWeek.Friday),
            ("吴斌", "街道办事处副主任", LeadingBody.Government, null),
            ("郑红", "街道党工委副书记", LeadingBody.PartyCommittee, null)]),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await SeedRotasAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task SeedRotasAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var city = await db.OrgUnits.SingleAsync(o => o.Code == DemoData.CityCode, ct);
        var cityLeaders = await db.Leaders.Where(l => l.OrgUnitId == city.Id).OrderBy(l => l.RotationOrder).ToListAsync(ct);

        var hall = new Venue(city.Id, "市信访局群众来访接待大厅", "演示市人民路 1 号");
        db.Venues.Add(hall);
        await db.SaveChangesAsync(ct);
        var cityRule = new DutyRule(city.Id, hall.Id, "市领导坐班接访", RotaPattern.Rotation);
        cityRule.SetSessions([FullDay]);
        cityRule.SetMembers(cityLeaders.Select(l => (l.Id, (IReadOnlyCollection<DayOfWeek>)[])));
        db.DutyRules.Add(cityRule);
        var rules = new List<DutyRule> { cityRule };

        foreach (var (code, venueName, address, leaders) in Townships)
        {
            var township = await db.OrgUnits.SingleAsync(o => o.Code == code, ct);
            var venue = new Venue(township.Id, venueName, address);
            db.Venues.Add(venue);
            var people = leaders.Select((x, i) => new Leader(x.Name, x.Title, x.Body, township.Id, i + 1, null, null)).ToList();
            db.Leaders.AddRange(people);
            await db.SaveChangesAsync(ct);
            var rule = new DutyRule(township.Id, venue.Id, township.Name + "领导接访", RotaPattern.FixedWeekday);
            rule.SetSessions([FullDay]);
            rule.SetMembers(people.Select((p, i) => (p.Id, (IReadOnlyCollection<DayOfWeek>)(leaders[i].Fixed is { } d ? [d] : []))));
            db.DutyRules.Add(rule);
            rules.Add(rule);
        }
        await db.SaveChangesAsync(ct);

        // Some leave next month and a few village visits, so the owed-duty ledger has something to show.
        var next = thisMonth.AddMonths(1);
        var clerkId = await db.Users.Where(u => u.UserName == "clerk").Select(u => u.Id).SingleAsync(ct);
        db.Unavailabilities.Add(new Unavailability(cityLeaders[4].Id, next.AddDays(2), next.AddDays(6), UnavailabilityReason.Leave, "年休假", clerkId, now));
        db.Unavailabilities.Add(new Unavailability(cityLeaders[7].Id, next.AddDays(9), next.AddDays(10), UnavailabilityReason.Travel, "赴省里开会", clerkId, now));
        var villages = await db.OrgUnits.Where(o => o.Kind == OrgUnitKind.Village).OrderBy(o => o.Path).Take(4).ToListAsync(ct);
        db.Visits.Add(new Visit(cityLeaders[1].Id, next.AddDays(13), villages[0].Id, "带案下访：征地补偿问题", "自然资源局、青山镇", now));
        db.Visits.Add(new Visit(cityLeaders[5].Id, next.AddDays(15), villages[1].Id, "走访重点信访户", "人社局", now));
        db.Visits.Add(new Visit(cityLeaders[2].Id, thisMonth.AddDays(20), villages[2].Id, "调研基层矛盾纠纷化解", null, now));
        await db.SaveChangesAsync(ct);

        foreach (var month in new[] { thisMonth, next })
        {
            foreach (var rule in rules)
            {
                var result = await planner.GenerateAsync(rule, month, ct: ct);
                var rota = await planner.SaveAsync(rule, month, result, ct);
                await db.SaveChangesAsync(ct);
                await planner.PublishAsync(rota, "王秀兰（信访局）", ct: ct);
                await db.SaveChangesAsync(ct);
            }
        }
    }
}
