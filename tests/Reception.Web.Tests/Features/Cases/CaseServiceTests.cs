using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Web.Data;
using Reception.Web.Features.Cases;
using Reception.Web.Infrastructure;

namespace Reception.Web.Tests.Features.Cases;

/// <summary>The SQL of casework (number allocation, set-based recolouring) on both databases.</summary>
public sealed class CaseServiceTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Numbers_AreHandedOutOncePerUnitAndYear(DatabaseProvider provider)
    {
        await using var app = ReceptionFactory.Build().On(provider).At(2026, 3, 2).Create();
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

        // Consecutive, whatever the demo cases already used; a new year starts again at 1.
        var first = CaseNumber.Parse(numbers[0]);
        Assert.Equal([first.Sequence, first.Sequence + 1, first.Sequence + 2], numbers.Select(n => CaseNumber.Parse(n).Sequence));
        Assert.All(numbers, n => Assert.StartsWith("qingshan-2026-", n, StringComparison.Ordinal));
        Assert.Equal("qingshan-2027-000001", otherYear);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RecolourAll_ChangesColoursInOneGo_AndRecordsEachChange(DatabaseProvider provider)
    {
        var clock = TestTime.AtChinaTime(2026, 3, 2);
        await using var app = ReceptionFactory.Build().On(provider).WithClock(clock).Create();
        var id = await app.NewCase().At("qingshan").Received(new DateOnly(2026, 3, 2)).SaveIdAsync();

        var fresh = await app.WithDbAsync(db => db.Cases.SingleAsync(c => c.Id == id));
        Assert.Equal(SupervisionColour.Green, fresh.Colour);
        Assert.Equal(new DateOnly(2026, 3, 17), fresh.DueOn); // route: 15 days from receipt

        async Task<SupervisionColour?> RecolourAsync(DateTimeOffset at)
        {
            clock.SetUtcNow(at);
            var changed = await WithServiceAsync(app, (_, cases) => cases.RecolourAllAsync());
            Assert.True(changed >= 0);
            return await app.WithDbAsync(db => db.Cases.Where(c => c.Id == id).Select(c => c.Colour).SingleAsync());
        }

        Assert.Equal(SupervisionColour.Blue, await RecolourAsync(new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.FromHours(8)))); // 5 days left
        Assert.Equal(SupervisionColour.Yellow, await RecolourAsync(new DateTimeOffset(2026, 3, 18, 9, 0, 0, TimeSpan.FromHours(8)))); // 1 day overdue
        Assert.Equal(SupervisionColour.Yellow, await RecolourAsync(new DateTimeOffset(2026, 3, 19, 9, 0, 0, TimeSpan.FromHours(8)))); // no change: no event
        Assert.Equal(SupervisionColour.Red, await RecolourAsync(new DateTimeOffset(2026, 4, 5, 9, 0, 0, TimeSpan.FromHours(8)))); // 19 days overdue

        var (colour, changes) = await app.WithDbAsync(async db => (
            (await db.Cases.SingleAsync(c => c.Id == id)).Colour,
            await db.CaseEvents.Where(e => e.PetitionCaseId == id && e.Kind == CaseEventKind.ColourChanged).OrderBy(e => e.Id)
                .Select(e => e.Before + ">" + e.After).ToListAsync()));
        Assert.Equal(SupervisionColour.Red, colour);
        Assert.Equal([">Green", "Green>Blue", "Blue>Yellow", "Yellow>Red"], changes);
    }

    [Fact]
    public async Task AHolidayEnteredByTheAdmin_MovesTheDueDatesOfOpenCases()
    {
        await using var app = ReceptionFactory.Build().At(2026, 3, 2).Create();
        var id = await app.NewCase().At("qingshan").Via(Channel.Letter).Received(new DateOnly(2026, 3, 2)).Category("labour").Summary("拖欠工资")
            .Petitioner(new CasePetitioner("李四", null, null, null, null)).SaveIdAsync();
        Assert.Equal(new DateOnly(2026, 3, 17), await app.WithDbAsync(db => db.Cases.Where(c => c.Id == id).Select(c => c.DueOn).SingleAsync()));

        using var admin = await app.LoginAsync("admin");
        using (var saved = await admin.OpenAndSubmitAsync("/Admin/Calendar/Day?date=2026-03-17",
                   new Dictionary<string, string> { ["Input.Kind"] = "OffDay", ["Input.Name"] = "测试假日" }))
            await saved.AssertRedirectToAsync("/Admin/Calendar?year=2026");

        // The 15th day is now an off day: the deadline moves to the next working day.
        Assert.Equal(new DateOnly(2026, 3, 18), await app.WithDbAsync(db => db.Cases.Where(c => c.Id == id).Select(c => c.DueOn).SingleAsync()));
    }

    private static async Task<T> WithServiceAsync<T>(ReceptionFactory app, Func<AppDbContext, CaseService, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<CaseService>());
    }
}
