using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Calendar;

namespace Reception.Web.Tests.Features.Calendar.Holidays;

public sealed class ImportTests(OwnDemoApp demo) : IClassFixture<OwnDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Import_A2027File_MakesTheYearKnownAndTheWarningDisappears()
    {
        const string csv = """
            date,name,is_off_day
            2027-01-01,元旦,true
            2027-02-06,春节,false
            2027-02-08,春节,true
            2027-02-09,春节,true
            """;
        using var admin = await App.LoginAsync("admin");
        Assert.NotNull((await admin.GetPageAsync("/Admin/Calendar?year=2027")).QuerySelector("main .status-warning"));

        using var response = await UploadAsync(admin, 2027, Encoding.UTF8.GetBytes(csv), "2027年节假日.csv");

        await response.AssertRedirectToAsync("/Admin/Calendar?year=2027");
        var page = await admin.GetPageAsync("/Admin/Calendar?year=2027");
        Assert.Equal("已导入 2027 年的 4 个日期。", page.StatusMessage());
        Assert.Null(page.QuerySelector("main .status-warning"));
        Assert.Contains("由 admin 从 2027年节假日.csv 导入", page.QuerySelector("main")!.TextContent);
        Assert.Contains("共 259 个工作日", page.QuerySelector("main")!.TextContent); // 261 weekdays − 3 off + 1 make-up Saturday
        Assert.Equal("Holiday", IndexTests.Kind(page, "2027-02-08"));
        Assert.Equal("MakeUpWorkday", IndexTests.Kind(page, "2027-02-06"));
        Assert.Contains("2027", page.QuerySelector("main .toolbar")!.TextContent);
        Assert.True(await App.WithDbAsync(db => db.CalendarYears.AnyAsync(y => y.Year == 2027)));
    }

    [Fact]
    public async Task Import_AYearThatHasDates_ReplacesThemAll()
    {
        using var admin = await App.LoginAsync("admin");

        using var response = await UploadAsync(admin, 2025, Encoding.UTF8.GetBytes("date,name,is_off_day\n2025-10-01,国庆节,true\n"));

        await response.AssertRedirectToAsync("/Admin/Calendar?year=2025");
        var dates = await App.WithDbAsync(db => db.HolidayEntries.AsNoTracking()
            .Where(e => e.Date >= new DateOnly(2025, 1, 1) && e.Date <= new DateOnly(2025, 12, 31)).Select(e => e.Date).ToListAsync());
        Assert.Equal([new DateOnly(2025, 10, 1)], dates);
        Assert.True(await App.WithDbAsync(db => db.HolidayEntries.AnyAsync(e => e.Date == new DateOnly(2024, 10, 1)))); // other years untouched
    }

    [Fact]
    public async Task Import_BadRows_ListsLineNumberedErrorsAndChangesNothing()
    {
        const string csv = """
            date,name,is_off_day
            2026-01-01,元旦,true
            2025-12-31,元旦,true
            2026-02-16,春节,maybe
            2026-13-01,春节,true
            2026-01-01,元旦,true
            """;
        using var admin = await App.LoginAsync("admin");
        var before = await SnapshotAsync();

        using var response = await UploadAsync(admin, 2026, Encoding.UTF8.GetBytes(csv));

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal(
        [
            "第 3 行：日期 2025-12-31 不在正在导入的 2026 年内。",
            "第 4 行：“maybe”不是有效的 is_off_day 值：放假填 true，调休上班填 false。",
            "第 5 行：“2026-13-01”不是 yyyy-MM-dd 格式的日期。",
            "第 6 行：日期 2026-01-01 已在第 2 行出现过。",
        ], page.QuerySelectorAll("main .errors-list li").Select(li => li.TextContent.Trim()));
        Assert.Equal("2026", page.ValueOf("Year"));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Import_WrongHeader_SaysWhatTheFirstLineMustBe()
    {
        using var admin = await App.LoginAsync("admin");
        var before = await SnapshotAsync();

        using var response = await UploadAsync(admin, 2028, Encoding.UTF8.GetBytes("日期,名称,放假\n2028-01-01,元旦,true\n"));

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal(["第 1 行：第一行必须是表头“date,name,is_off_day”，实际是“日期,名称,放假”。"],
            page.QuerySelectorAll("main .errors-list li").Select(li => li.TextContent.Trim()));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Import_HeaderOnly_RefusesToMarkAYearKnownWithoutHolidays()
    {
        using var admin = await App.LoginAsync("admin");

        using var response = await UploadAsync(admin, 2029, Encoding.UTF8.GetBytes("date,name,is_off_day\n"));

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal(["第 1 行：文件中没有节假日数据行。"], page.QuerySelectorAll("main .errors-list li").Select(li => li.TextContent.Trim()));
        Assert.False(await App.WithDbAsync(db => db.CalendarYears.AnyAsync(y => y.Year == 2029)));
    }

    [Fact]
    public async Task Import_NoFileChosen_AsksForAFile()
    {
        using var admin = await App.LoginAsync("admin");

        using var response = await admin.OpenAndSubmitAsync("/Admin/Calendar/Import?year=2030");

        Assert.Equal("请选择要上传的 CSV 文件。", (await response.AssertFormReturnedAsync()).ErrorFor("Upload"));
    }

    [Theory]
    [InlineData("1999", "年份必须是 2000 到 2100 之间的整数。")]
    [InlineData("", "请填写年份。")]
    public async Task Import_BadYear_ShowsTheMessageNextToTheYear(string year, string message)
    {
        using var admin = await App.LoginAsync("admin");
        var page = await admin.GetPageAsync("/Admin/Calendar/Import");

        using var response = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Year"] = year },
            file: new UploadFile("Upload", "h.csv", Encoding.UTF8.GetBytes("date,name,is_off_day\n1999-01-01,元旦,true\n")));

        Assert.Equal(message, (await response.AssertFormReturnedAsync()).ErrorFor("Year"));
        Assert.False(await App.WithDbAsync(db => db.HolidayEntries.AnyAsync(e => e.Date == new DateOnly(1999, 1, 1))));
    }

    [Fact]
    public async Task Import_TheShippedArrangementFor2026_GivesTheSame248WorkingDays()
    {
        var lines = ShippedLines2026();
        using var admin = await App.LoginAsync("admin");

        using var response = await UploadAsync(admin, 2026, Encoding.UTF8.GetBytes("date,name,is_off_day\n" + string.Join("\n", lines)));

        await response.AssertRedirectToAsync("/Admin/Calendar?year=2026");
        Assert.Contains("共 248 个工作日", (await admin.GetPageAsync("/Admin/Calendar?year=2026")).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Import_AnIcsHolidayCalendar_TakesTheYearsDates()
    {
        // A calendar of several years (the shipped ones, in holiday-cn's .ics form): only 2025's dates are taken.
        var ics = Reception.Web.Tests.Features.Calendar.HolidayIcsTests.HolidayCnStyle(ShippedHolidays.Load().Entries);
        using var admin = await App.LoginAsync("admin");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<Reception.Web.Features.Calendar.HolidayArrangementStore>();
            await store.ReplaceYearAsync(2025, [new HolidayEntry(new DateOnly(2025, 10, 1), "国庆节", true)], "test"); // something to replace
        }

        using var response = await UploadAsync(admin, 2025, Encoding.UTF8.GetBytes(ics), "中国法定节假日.ics");

        await response.AssertRedirectToAsync("/Admin/Calendar?year=2025");
        var page = await admin.GetPageAsync("/Admin/Calendar?year=2025");
        Assert.Equal("已导入 2025 年的 33 个日期。", page.StatusMessage());
        Assert.Contains("由 admin 从 中国法定节假日.ics 导入", page.QuerySelector("main")!.TextContent);
        Assert.Contains("共 248 个工作日", page.QuerySelector("main")!.TextContent);
        var stored = await App.WithDbAsync(db => db.HolidayEntries.AsNoTracking()
            .Where(e => e.Date >= new DateOnly(2025, 1, 1) && e.Date <= new DateOnly(2025, 12, 31)).OrderBy(e => e.Date)
            .Select(e => $"{e.Date:yyyy-MM-dd},{e.Name},{(e.IsOffDay ? "true" : "false")}").ToListAsync());
        Assert.Equal(ShippedHolidays.Load().Entries.Where(e => e.Date.Year == 2025)
            .Select(e => $"{e.Date:yyyy-MM-dd},{e.Name},{(e.IsOffDay ? "true" : "false")}"), stored);
    }

    [Fact]
    public async Task Import_AnIcsWithoutTheYearsStatutoryDays_ListsWhatIsMissingAndChangesNothing()
    {
        const string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:元旦假期\r\n"
            + "DTSTART;VALUE=DATE:20280101\r\nDTEND;VALUE=DATE:20280102\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        using var admin = await App.LoginAsync("admin");
        var before = await SnapshotAsync();

        using var response = await UploadAsync(admin, 2028, Encoding.UTF8.GetBytes(ics), "2028.ics");

        var page = await response.AssertFormReturnedAsync();
        var errors = page.QuerySelectorAll("main .errors-list li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(StatutoryHolidays.For(2028).Count - 1, errors.Count); // all but 元旦
        Assert.Equal("2028-01-25（春节）是法定节假日，但日历中没有安排放假。", errors[0]);
        Assert.Equal(before, await SnapshotAsync());
    }

    private static async Task<HttpResponseMessage> UploadAsync(AppClient client, int year, byte[] content, string fileName = "holidays.csv")
    {
        var page = await client.GetPageAsync($"/Admin/Calendar/Import?year={year}");
        Assert.Equal(year.ToString(), page.ValueOf("Year"));
        return await client.SubmitAsync(page, file: new UploadFile("Upload", fileName, content));
    }

    /// <summary>Every stored date and year, to show that a refused import changed nothing.</summary>
    private Task<string> SnapshotAsync() => App.WithDbAsync(async db =>
    {
        var entries = await db.HolidayEntries.AsNoTracking().OrderBy(e => e.Date).ToListAsync();
        var years = await db.CalendarYears.AsNoTracking().OrderBy(y => y.Year).ToListAsync();
        return string.Join("\n", entries.Select(e => $"{e.Date:yyyy-MM-dd} {e.Name} {e.IsOffDay}"))
               + "\n--\n" + string.Join("\n", years.Select(y => $"{y.Year} {y.Source} {y.UpdatedAtUtc:O}"));
    });

    private static List<string> ShippedLines2026()
    {
        var shipped = ShippedHolidays.Load();
        return shipped.Entries.Where(e => e.Date.Year == 2026)
            .Select(e => $"{e.Date:yyyy-MM-dd},{e.Name},{(e.IsOffDay ? "true" : "false")}").ToList();
    }
}
