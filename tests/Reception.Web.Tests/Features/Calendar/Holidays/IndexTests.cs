using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;

namespace Reception.Web.Tests.Features.Calendar.Holidays;

/// <summary>The demo app on 1 March 2026 (China time).</summary>
public sealed class CalendarApp() : AppFixture(app => app.At(2026, 3, 1));

public sealed class IndexTests(CalendarApp demo) : IClassFixture<CalendarApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Index_2026_ShowsTheWorkingDayCountAndTheOfficialHolidays()
    {
        using var admin = await App.LoginAsync("admin");

        var page = await admin.GetPageAsync("/Admin/Calendar?year=2026");

        Assert.Contains("节假日日历 2026", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("共 248 个工作日", page.QuerySelector("main")!.TextContent);
        Assert.Null(page.QuerySelector("main .status-warning"));
        Assert.Equal("Holiday", Kind(page, "2026-10-01"));
        Assert.Contains("国庆节", Cell(page, "2026-10-01").GetAttribute("title"));
        Assert.Equal("holiday", Cell(page, "2026-10-01").ParentElement!.ClassName);
        Assert.Equal("Holiday", Kind(page, "2026-02-17")); // 春节
        Assert.Equal("MakeUpWorkday", Kind(page, "2026-10-10")); // a Saturday worked for 国庆节
        Assert.Equal("MakeUpWorkday", Kind(page, "2026-01-04")); // a Sunday worked for 元旦
        Assert.Equal("Weekend", Kind(page, "2026-10-11"));
        Assert.Equal("Workday", Kind(page, "2026-10-12"));
        Assert.Equal(365, page.QuerySelectorAll("main a[data-date]").Length);
        Assert.Contains("2024, 2025, 2026", page.QuerySelector("main .toolbar")!.TextContent);
    }

    [Fact]
    public async Task Index_WithoutAYear_ShowsTheCurrentYearInChina()
    {
        using var admin = await App.LoginAsync("admin");

        var page = await admin.GetPageAsync("/Admin/Calendar");

        Assert.Contains("2026", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("/Admin/Calendar?year=2027", page.QuerySelector("main a[rel=next]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Index_2027_WarnsThatTheYearHasNotBeenLoaded_AndShowsItsStatutoryHolidaysAsProvisional()
    {
        using var admin = await App.LoginAsync("admin");

        var page = await admin.GetPageAsync("/Admin/Calendar?year=2027");

        var warning = page.QuerySelector("main .status-warning")!.TextContent;
        Assert.Contains("尚未载入 2027 年的法定节假日安排。", warning);
        Assert.Contains("调休安排尚不知道，因此在载入之前，2027 年的排班和按工作日计算的期限都会带有警告。", warning);
        Assert.Null(page.QuerySelector("main form[action*='handler=MarkKnown']")); // nothing entered yet
        Assert.DoesNotContain("个工作日", page.QuerySelector("main")!.TextContent);

        // The statutory days (13 from 2025) are off, marked provisional; the days the notice will add are not guessed.
        var provisional = page.QuerySelectorAll("main a[data-provisional=true]").Select(a => a.GetAttribute("data-date")).ToList();
        Assert.Equal(
            ["2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-04-05", "2027-05-01", "2027-05-02",
             "2027-06-09", "2027-09-15", "2027-10-01", "2027-10-02", "2027-10-03"], provisional);
        Assert.Equal("Holiday", Kind(page, "2027-10-01"));
        Assert.Equal("holiday provisional", Cell(page, "2027-10-01").ParentElement!.ClassName);
        Assert.Contains("国庆节 法定节假日（暂定，通知尚未载入）", Cell(page, "2027-10-01").GetAttribute("title"));
        Assert.Equal("Workday", Kind(page, "2027-10-04")); // 调休 unknown: a Monday is assumed a working day, and the page says so
        Assert.Equal("/Admin/Calendar/Notice?year=2027", page.QuerySelector("main .toolbar a[href*='Notice']")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/Admin/Calendar?year=1999")]
    [InlineData("/Admin/Calendar?year=2101")]
    [InlineData("/Admin/Calendar/Day?date=1999-12-31")]
    public async Task Index_YearOutOfRange_Answers404(string url)
    {
        using var admin = await App.LoginAsync("admin");

        using var response = await admin.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task MarkKnown_AfterEnteringDatesByHand_TreatsTheYearAsComplete()
    {
        using var admin = await App.LoginAsync("admin");
        using (var entered = await admin.OpenAndSubmitAsync("/Admin/Calendar/Day?date=2031-01-01",
                   new Dictionary<string, string> { ["Input.Kind"] = "OffDay", ["Input.Name"] = "元旦" }))
            await entered.AssertRedirectToAsync("/Admin/Calendar?year=2031");
        var page = await admin.GetPageAsync("/Admin/Calendar?year=2031");
        var button = page.QuerySelector("main form[action*='handler=MarkKnown'] button")!;
        Assert.Equal("确认 2031 年安排已录入完整（已录入 1 个日期）", button.TextContent.Trim());

        using var response = await admin.SubmitAsync(page, form: "main form[action*='handler=MarkKnown']");

        await response.AssertRedirectToAsync("/Admin/Calendar?year=2031");
        var after = await admin.GetPageAsync("/Admin/Calendar?year=2031");
        Assert.Equal("2031 年的安排现已视为完整。", after.StatusMessage());
        Assert.Null(after.QuerySelector("main .status-warning"));
        Assert.Contains("由 admin 手工录入", after.QuerySelector("main")!.TextContent);
        Assert.Contains("共 260 个工作日", after.QuerySelector("main")!.TextContent); // 2031: 261 weekdays, one of them off
        var year = await App.WithDbAsync(db => db.CalendarYears.AsNoTracking().SingleAsync(y => y.Year == 2031));
        Assert.Equal("由 admin 手工录入", year.Source);
    }

    internal static IElement Cell(IDocument page, string date) =>
        page.QuerySelector($"main a[data-date='{date}']") ?? throw new InvalidOperationException($"No cell for {date}.");

    internal static string? Kind(IDocument page, string date) => Cell(page, date).GetAttribute("data-kind");
}

/// <summary>Start-up copies every year of the shipped arrangement into the database, whichever years a release ships.</summary>
public sealed class ShippedYearsTests
{
    [Fact]
    public async Task StartUp_LoadsEveryShippedYear_WithItsRows()
    {
        await using var app = ReceptionFactory.Build()
            .HolidaysThrough(null)
            .Seeding(Seed.Empty)
            .Setting("Reception:Admin:Password", "First#2026-setup")
            .Create();
        var shipped = Reception.Core.Calendar.ShippedHolidays.Load();

        var years = await app.WithDbAsync(db => db.CalendarYears.Select(y => y.Year).OrderBy(y => y).ToListAsync());
        var rows = await app.WithDbAsync(db => db.HolidayEntries.CountAsync());

        Assert.Equal(shipped.Years, years);
        Assert.Equal(shipped.Entries.Count, rows);
    }
}
