using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Web.Cases;
using Reception.Web.Data;
using Reception.Web.Infrastructure;
using Reception.Web.Tests.Infrastructure;

namespace Reception.Web.Tests.Cases;

/// <summary>The SQL of casework (number allocation, set-based recolouring) on both databases.</summary>
public sealed class CaseServiceTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Numbers_AreHandedOutOncePerUnitAndYear(DatabaseProvider provider)
    {
        await using var app = new ReceptionFactory(provider) { Clock = TestClock.AtChinaTime(2026, 3, 2) };
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add(await WithServiceAsync(app, async (db, cases) =>
            {
                var unit = await db.OrgUnits.SingleAsync(o => o.Code == "qingshan");
                return (await cases.AllocateNumberAsync(unit, 2026)).ToString();
            }));
        }

        var otherYear = await WithServiceAsync(app, async (db, cases) =>
            (await cases.AllocateNumberAsync(await db.OrgUnits.SingleAsync(o => o.Code == "qingshan"), 2027)).ToString());

        Assert.Equal(["qingshan-2026-000001", "qingshan-2026-000002", "qingshan-2026-000003"], numbers);
        Assert.Equal("qingshan-2027-000001", otherYear);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RecolourAll_ChangesColoursInOneGo_AndRecordsEachChange(DatabaseProvider provider)
    {
        var clock = TestClock.AtChinaTime(2026, 3, 2);
        await using var app = new ReceptionFactory(provider) { Clock = clock };
        var id = await WithServiceAsync(app, async (db, cases) =>
        {
            var unit = await db.OrgUnits.SingleAsync(o => o.Code == "qingshan");
            var c = PetitionCase.Register(await cases.AllocateNumberAsync(unit, 2026), unit.Id, Channel.Visit, new DateOnly(2026, 3, 2), "land",
                "征地补偿款未到位", null, 1, [new CasePetitioner("张三", null, null, null, null)], "clerk", cases.UtcNow).Value!;
            await cases.RefreshClockAsync(c);
            db.Cases.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });

        var fresh = await app.WithDbAsync(db => db.Cases.SingleAsync(c => c.Id == id));
        Assert.Equal(SupervisionColour.Green, fresh.Colour);
        Assert.Equal(new DateOnly(2026, 3, 17), fresh.DueOn); // route: 15 days from receipt

        clock.Set(new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.FromHours(8))); // 5 days left: blue
        Assert.Equal(1, await WithServiceAsync(app, (_, cases) => cases.RecolourAllAsync()));
        clock.Set(new DateTimeOffset(2026, 3, 18, 9, 0, 0, TimeSpan.FromHours(8))); // 1 day overdue: yellow
        Assert.Equal(1, await WithServiceAsync(app, (_, cases) => cases.RecolourAllAsync()));
        Assert.Equal(0, await WithServiceAsync(app, (_, cases) => cases.RecolourAllAsync()));
        clock.Set(new DateTimeOffset(2026, 4, 5, 9, 0, 0, TimeSpan.FromHours(8))); // 19 days overdue: red
        Assert.Equal(1, await WithServiceAsync(app, (_, cases) => cases.RecolourAllAsync()));

        var (colour, changes) = await app.WithDbAsync(async db => (
            (await db.Cases.SingleAsync(c => c.Id == id)).Colour,
            await db.CaseEvents.Where(e => e.PetitionCaseId == id && e.Kind == CaseEventKind.ColourChanged).OrderBy(e => e.Id)
                .Select(e => e.Before + ">" + e.After).ToListAsync()));
        Assert.Equal(SupervisionColour.Red, colour);
        Assert.Equal([">Green", "Green>Blue", "Blue>Yellow", "Yellow>Red"], changes);
    }

    private static async Task<T> WithServiceAsync<T>(ReceptionFactory app, Func<AppDbContext, CaseService, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<CaseService>());
    }
}
