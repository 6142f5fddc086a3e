using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Core.Organisation;
using Reception.Web.Features.Cases;
using Reception.Web.Features.Demo;
using Reception.Web.Infrastructure;

namespace Reception.Web.Tests.Features.Demo;

/// <summary>The demo city's cases (<see cref="DemoCases"/>), seeded at start-up with the demo city.</summary>
public sealed class DemoCasesTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, 2026, 11, 22)]
    [InlineData(DatabaseProvider.Sqlite, 2026, 2, 20)] // today inside the Spring Festival holiday: due dates move
    [InlineData(DatabaseProvider.Sqlite, 2026, 9, 30)] // the eve of National Day: no route clock can be blue
    [InlineData(DatabaseProvider.Postgres, 2026, 11, 22)]
    public async Task DemoCases_HaveTheFiguresStatesColoursAndStoriesTheIssueAsksFor(DatabaseProvider provider, int year, int month, int day)
    {
        var clock = TestTime.AtChinaTime(year, month, day);
        await using var app = ReceptionFactory.Build().On(provider).WithClock(clock).Create();
        var today = new DateOnly(year, month, day);

        var all = await app.WithDbAsync(db => db.Cases.AsNoTracking().Include(c => c.Petitioners).ToListAsync());
        var leaderIds = await app.WithDbAsync(db => db.Leaders.Select(l => l.Id).ToListAsync());

        Assert.Equal(DemoCases.Total, all.Count);
        var owned = all.Where(c => c.OwnerLeaderId != null).ToList();
        Assert.Equal(DemoCases.LeaderOwned, owned.Count);
        Assert.All(owned, c => Assert.Contains(c.OwnerLeaderId!.Value, leaderIds));
        Assert.Equal(DemoCases.LeaderResolved, owned.Count(c => c.IsResolved));
        Assert.DoesNotContain(all, c => c.IsResolved && c.OwnerLeaderId == null);

        // Every state; every colour among the open cases today; no colour without a running clock.
        Assert.Equal(Enum.GetValues<CaseState>().Order(), all.Select(c => c.State).Distinct().Order());
        var open = all.Where(c => c.IsOpen).ToList();
        Assert.Equal(Enum.GetValues<SupervisionColour>().Order(), open.Select(c => c.Colour!.Value).Distinct().Order());
        Assert.All(all.Where(c => !c.IsOpen), c => Assert.Null(c.Colour));
        Assert.All(open, c => Assert.NotNull(c.DueOn));

        // The stored colours are today's: recolouring with the same clock changes nothing.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<CaseService>().RecolourAllAsync());
        }

        // Received over the last ten months, and spread over townships and categories.
        Assert.All(all, c => Assert.InRange(c.ReceivedOn, today.AddDays(-DemoCases.HistoryDays), today.AddDays(-1)));
        Assert.True(all.Select(c => c.CategoryCode).Distinct().Count() >= 12);
        var townships = await app.WithDbAsync(db => db.OrgUnits.Where(o => o.Kind == OrgUnitKind.Township || o.Kind == OrgUnitKind.Street)
            .Select(o => new { o.Id, o.Path, o.Name }).ToListAsync());
        var units = await app.WithDbAsync(db => db.OrgUnits.Select(o => new { o.Id, o.Path }).ToDictionaryAsync(o => o.Id, o => o.Path));
        foreach (var t in townships)
        {
            Assert.True(all.Count(c => c.StabilityControlUnitId is { } s && units[s].StartsWith(t.Path, StringComparison.Ordinal)
                                       || c.Petitioners.Any(p => p.HouseholdLocality!.Contains(t.Name, StringComparison.Ordinal))) >= 10,
                $"{t.Name} has too few demo cases");
        }

        // Petitioners: valid, distinct ID numbers except where a case repeats an earlier one or appeals it.
        var petitioners = all.SelectMany(c => c.Petitioners).ToList();
        Assert.All(petitioners, p => Assert.Null(IdentityNumber.Validate(p.IdentityNumber, today)));
        Assert.All(petitioners, p => Assert.Matches("^1[358][0-9]{9}$", p.Phone!));
        var byId = all.ToDictionary(c => c.Id);
        foreach (var c in all.Where(c => c.Flags.HasFlag(CaseFlags.Repeat)))
        {
            var earlier = byId[c.RepeatOfCaseId!.Value];
            Assert.True(earlier.ReceivedOn <= c.ReceivedOn);
            Assert.NotEmpty(c.Petitioners.Select(p => p.IdentityNumber).Intersect(earlier.Petitioners.Select(p => p.IdentityNumber)));
        }

        // The stories.
        Assert.InRange(all.Count(c => c.IsCollective), 5, 60);
        Assert.All(all.Where(c => c.IsCollective), c => Assert.True(c.NumberOfPeople >= PetitionCase.CollectiveThreshold));
        Assert.InRange(all.Count(c => c.Flags.HasFlag(CaseFlags.Repeat)), 5, 30);
        Assert.InRange(all.Count(c => c.Flags.HasFlag(CaseFlags.LevelSkipping)), 2, 10);
        Assert.Single(all, c => c.State == CaseState.Terminated && c.AppealLevel == AppealLevel.ReReview);
        Assert.Contains(all, c => c.Flags.HasFlag(CaseFlags.NoLongerAccepted) && c.State == CaseState.NotAccepted);
        Assert.InRange(all.Count(c => c.AppealLevel == AppealLevel.Review), 3, 6);
        Assert.InRange(all.Count(c => c.AppealLevel == AppealLevel.ReReview), 2, 3);
        Assert.All(all.Where(c => c.AppealLevel != AppealLevel.Original), c => Assert.True(byId[c.ParentCaseId!.Value].IsAppealed));
        Assert.Contains(all, c => c.IsExtended && c.IsOpen);
        Assert.Contains(all, c => c.IsListed && c.Colour == SupervisionColour.Red);
        Assert.Contains(all, c => c.ObjectedAtUtc != null && c.State == CaseState.Transferred);
        var objected = await app.WithDbAsync(db => db.CaseEvents.Where(e => e.Kind == CaseEventKind.ObjectionRecorded).Select(e => e.PetitionCaseId).ToListAsync());
        Assert.Contains(objected, id => byId[id].State == CaseState.Closed && byId[id].TransferredToUnitId != null);
        Assert.Contains(all, c => c.ReceivedByLeaderId != null);

        var notices = await app.WithDbAsync(db => db.SupervisionNotices.AsNoTracking().ToListAsync());
        Assert.Contains(notices, n => !n.IsAnswered && n.ReplyDueOn < today);
        Assert.Contains(notices, n => n.IsAnswered);
        Assert.Contains(notices, n => !n.IsAnswered && n.ReplyDueOn >= today);

        var ticks = await app.WithDbAsync(db => db.Set<CaseChecklistEntry>().CountAsync(e => e.IsDone));
        Assert.True(ticks >= DemoCases.LeaderOwned * 3, $"only {ticks} checklist ticks");

        // Histories: registered first, in time order, all in the past; the history shows what the case is.
        var events = await app.WithDbAsync(db => db.CaseEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var history in events.GroupBy(e => e.PetitionCaseId))
        {
            var list = history.ToList();
            Assert.Equal(CaseEventKind.Registered, list[0].Kind);
            Assert.All(list, e => Assert.True(e.AtUtc <= now));
            for (var i = 1; i < list.Count; i++) Assert.True(list[i - 1].AtUtc <= list[i].AtUtc, $"case {history.Key}: events out of order");
        }

        Assert.Equal(all.Count, events.Select(e => e.PetitionCaseId).Distinct().Count());
        Assert.Equal(all.Count(c => c.State == CaseState.Closed), events.Count(e => e.Kind == CaseEventKind.Closed));
        Assert.Equal(DemoCases.LeaderResolved, events.Count(e => e.Kind == CaseEventKind.Resolved));
    }

    [Fact]
    public async Task DemoCases_NumbersAreUnique_AndTheCountersContinueAfterThem()
    {
        var clock = TestTime.AtChinaTime(2026, 11, 22);
        await using var app = ReceptionFactory.Build().WithClock(clock).Create();
        var cases = await app.WithDbAsync(db => db.Cases.AsNoTracking().Select(c => new { c.Number, c.OrgUnitId, c.ReceivedOn }).ToListAsync());
        var counters = await app.WithDbAsync(db => db.CaseNumberCounters.AsNoTracking().ToListAsync());
        var units = await app.WithDbAsync(db => db.OrgUnits.AsNoTracking().ToDictionaryAsync(o => o.Id));

        Assert.Equal(cases.Count, cases.Select(c => c.Number.ToString()).Distinct().Count());
        Assert.All(cases, c =>
        {
            Assert.Equal(units[c.OrgUnitId].Code, c.Number.OrgCode);
            Assert.Equal(c.ReceivedOn.Year, c.Number.Year);
        });
        Assert.DoesNotContain(cases, c => units[c.OrgUnitId].Code == "qingshan");

        // Per unit and year: sequences 1..n without gaps, in order of receipt, and the counter at n.
        foreach (var group in cases.GroupBy(c => (c.OrgUnitId, c.Number.Year)))
        {
            var ordered = group.OrderBy(c => c.Number.Sequence).ToList();
            Assert.Equal(Enumerable.Range(1, ordered.Count), ordered.Select(c => c.Number.Sequence));
            Assert.Equal(ordered.Select(c => c.ReceivedOn).Order(), ordered.Select(c => c.ReceivedOn));
            Assert.Equal(ordered.Count, counters.Single(x => x.OrgUnitId == group.Key.OrgUnitId && x.Year == group.Key.Year).LastSequence);
        }

        Assert.Equal(cases.GroupBy(c => (c.OrgUnitId, c.Number.Year)).Count(), counters.Count);

        // A new registration continues after the demo numbers.
        await using var scope = app.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<CaseService>();
        var city = units.Values.Single(o => o.Code == DemoData.CityCode);
        var next = await service.AllocateNumberAsync(city, 2026);
        Assert.DoesNotContain(cases, c => c.Number == next);
        Assert.Equal(cases.Count(c => c.OrgUnitId == city.Id && c.Number.Year == 2026) + 1, next.Sequence);
    }

    [Fact]
    public async Task DemoCases_AreTheSameEveryTime_ForTheSameDay()
    {
        async Task<List<string>> SeedAsync()
        {
            await using var app = ReceptionFactory.Build().At(2026, 11, 22).Create();
            var rows = await app.WithDbAsync(db => db.Cases.AsNoTracking().OrderBy(c => c.Id)
                .Select(c => new { c.Number, c.Summary, c.State, c.Colour, c.OwnerLeaderId, c.DueOn }).ToListAsync());
            return rows.Select(c => $"{c.Number}|{c.Summary}|{c.State}|{c.Colour}|{c.OwnerLeaderId}|{c.DueOn}").ToList();
        }

        var first = await SeedAsync();
        var second = await SeedAsync();
        Assert.Equal(DemoCases.Total, first.Count);
        Assert.Equal(first, second);
    }
}
