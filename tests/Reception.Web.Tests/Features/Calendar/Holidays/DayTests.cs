using Microsoft.EntityFrameworkCore;

namespace Reception.Web.Tests.Features.Calendar.Holidays;

public sealed class DayTests(OwnDemoApp demo) : IClassFixture<OwnDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Day_Get_ShowsTheDatesCurrentArrangement()
    {
        using var admin = await App.LoginAsync("admin");

        var page = await admin.GetPageAsync("/Admin/Calendar/Day?date=2026-10-01");

        Assert.Equal("2026-10-01 星期四", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("非工作日", page.QuerySelector("main")!.TextContent);
        Assert.Equal("OffDay", page.ValueOf("Input.Kind"));
        Assert.Equal("国庆节", page.ValueOf("Input.Name"));
    }

    [Fact]
    public async Task Day_ABridgingDayOf2027AsAnOffDay_IsSavedByHandAndTheCalendarShowsIt()
    {
        // 2027-02-09 (Tuesday, 初四) is no statutory day: before the notice only an administrator can make it off.
        using var admin = await App.LoginAsync("admin");
        var page = await admin.GetPageAsync("/Admin/Calendar/Day?date=2027-02-09");
        Assert.Contains("尚未载入 2027 年的法定节假日安排；法定节假日暂按放假计算，调休安排尚不确定。", page.QuerySelector("main")!.TextContent);
        Assert.Equal("Ordinary", page.ValueOf("Input.Kind"));
        Assert.Equal("工作日", page.QuerySelector("main p strong")!.TextContent.Trim());

        using var response = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Input.Kind"] = "OffDay", ["Input.Name"] = "春节" });

        await response.AssertRedirectToAsync("/Admin/Calendar?year=2027");
        var entry = await App.WithDbAsync(db => db.HolidayEntries.AsNoTracking().SingleAsync(e => e.Date == new DateOnly(2027, 2, 9)));
        Assert.Equal(("春节", true, true), (entry.Name, entry.IsOffDay, entry.EnteredByHand));
        var calendar = await admin.GetPageAsync("/Admin/Calendar?year=2027");
        Assert.Equal("已保存“2027-02-09”。", calendar.StatusMessage());
        Assert.Equal("Holiday", IndexTests.Kind(calendar, "2027-02-09"));
        Assert.Equal("false", IndexTests.Cell(calendar, "2027-02-09").GetAttribute("data-provisional")); // entered, not computed
        Assert.Contains("春节", IndexTests.Cell(calendar, "2027-02-09").GetAttribute("title"));
        Assert.Contains("尚未载入 2027 年的法定节假日安排。", calendar.QuerySelector("main .status-warning")!.TextContent); // one date is not the whole year
    }

    [Fact]
    public async Task Day_AProvisionalStatutoryDay_SaysSo()
    {
        using var admin = await App.LoginAsync("admin");

        var page = await admin.GetPageAsync("/Admin/Calendar/Day?date=2027-01-01");

        Assert.Equal("非工作日", page.QuerySelector("main p strong")!.TextContent.Trim());
        Assert.Equal("法定节假日（暂定，通知尚未载入）", page.QuerySelector("main p .badge-provisional")!.TextContent.Trim());
        Assert.Contains("元旦", page.QuerySelector("main p strong")!.ParentElement!.TextContent);
    }

    [Fact]
    public async Task Day_MakeUpWorkingDayOnAWeekday_IsRefusedNextToTheChoice()
    {
        using var admin = await App.LoginAsync("admin");

        using var response = await admin.OpenAndSubmitAsync("/Admin/Calendar/Day?date=2027-01-04",
            new Dictionary<string, string> { ["Input.Kind"] = "MakeUpWorkday", ["Input.Name"] = "元旦" });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("调休上班日只能是星期六或星期日。", page.ErrorFor("Input.Kind"));
        Assert.Equal("MakeUpWorkday", page.ValueOf("Input.Kind"));
        Assert.Equal("元旦", page.ValueOf("Input.Name"));
        Assert.False(await App.WithDbAsync(db => db.HolidayEntries.AnyAsync(e => e.Date == new DateOnly(2027, 1, 4))));
    }

    [Fact]
    public async Task Day_MakeUpWorkingDayOnASaturday_IsSavedAsAWorkingDay()
    {
        using var admin = await App.LoginAsync("admin");

        using var response = await admin.OpenAndSubmitAsync("/Admin/Calendar/Day?date=2026-03-07",
            new Dictionary<string, string> { ["Input.Kind"] = "MakeUpWorkday", ["Input.Name"] = "调休" });

        await response.AssertRedirectToAsync("/Admin/Calendar?year=2026");
        var entry = await App.WithDbAsync(db => db.HolidayEntries.AsNoTracking().SingleAsync(e => e.Date == new DateOnly(2026, 3, 7)));
        Assert.Equal(("调休", false), (entry.Name, entry.IsOffDay));
        var calendar = await admin.GetPageAsync("/Admin/Calendar?year=2026");
        Assert.Equal("MakeUpWorkday", IndexTests.Kind(calendar, "2026-03-07"));
        Assert.Equal("工作日", (await admin.GetPageAsync("/Admin/Calendar/Day?date=2026-03-07")).QuerySelector("main p strong")!.TextContent.Trim());
    }

    [Fact]
    public async Task Day_OffDayWithoutAName_AsksForTheName()
    {
        using var admin = await App.LoginAsync("admin");

        using var response = await admin.OpenAndSubmitAsync("/Admin/Calendar/Day?date=2027-05-03",
            new Dictionary<string, string> { ["Input.Kind"] = "OffDay", ["Input.Name"] = " " });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("请填写节日名称，如“国庆节”。", page.ErrorFor("Input.Name"));
        Assert.Equal("OffDay", page.ValueOf("Input.Kind"));
        Assert.False(await App.WithDbAsync(db => db.HolidayEntries.AnyAsync(e => e.Date == new DateOnly(2027, 5, 3))));
    }

    [Fact]
    public async Task Day_BackToAnOrdinaryDay_RemovesTheEntry()
    {
        using var admin = await App.LoginAsync("admin");

        using var response = await admin.OpenAndSubmitAsync("/Admin/Calendar/Day?date=2026-06-19",
            new Dictionary<string, string> { ["Input.Kind"] = "Ordinary" });

        await response.AssertRedirectToAsync("/Admin/Calendar?year=2026");
        Assert.False(await App.WithDbAsync(db => db.HolidayEntries.AnyAsync(e => e.Date == new DateOnly(2026, 6, 19))));
        Assert.Equal("Workday", IndexTests.Kind(await admin.GetPageAsync("/Admin/Calendar?year=2026"), "2026-06-19")); // a Friday
    }

    [Fact]
    public async Task Day_RenameAnExistingHoliday_ChangesItInPlace()
    {
        using var admin = await App.LoginAsync("admin");

        using var response = await admin.OpenAndSubmitAsync("/Admin/Calendar/Day?date=2026-05-05",
            new Dictionary<string, string> { ["Input.Name"] = "劳动节（五一）" });

        await response.AssertRedirectToAsync("/Admin/Calendar?year=2026");
        var entries = await App.WithDbAsync(db => db.HolidayEntries.AsNoTracking().Where(e => e.Date == new DateOnly(2026, 5, 5)).ToListAsync());
        Assert.Equal(("劳动节（五一）", true, true), (Assert.Single(entries).Name, entries[0].IsOffDay, entries[0].EnteredByHand)); // now the office's own
    }
}
