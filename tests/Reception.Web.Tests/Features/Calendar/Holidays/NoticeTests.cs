using Microsoft.EntityFrameworkCore;
using Reception.Web.Tests.Features.Visits;

namespace Reception.Web.Tests.Features.Calendar.Holidays;

/// <summary>The demo app on 20 November 2026 (China time), when next year's notice comes out; 2027 is not loaded.</summary>
public sealed class NoticeApp() : AppFixture(app => app.At(2026, 11, 20));

public sealed class NoticeTests(NoticeApp demo) : IClassFixture<NoticeApp>
{
    private ReceptionFactory App => demo.App;

    /// <summary>The real notice for 2026 (tests/Reception.Core.Tests/Calendar/Notices, SOURCE.txt there).</summary>
    internal static string Notice2026 => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Calendar", "Notices", "2026.txt"));

    /// <summary>
    /// A 2027 notice written for these tests in the wording of the 2025 and 2026 notices — not the real one, which these
    /// tests must not depend on. Its dates are consistent (weekdays, lunar days, counts, the statutory days of 2027).
    /// </summary>
    internal const string Example2027 = """
        国务院办公厅关于2027年部分节假日安排的通知
        各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
        经国务院批准，现将2027年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
        一、元旦：1月1日（周五）至3日（周日）放假，共3天。
        二、春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。2月20日（周六）上班。
        三、清明节：4月3日（周六）至5日（周一）放假，共3天。
        四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
        五、端午节：6月9日（周三）放假，不调休。
        六、中秋节：9月15日（周三）放假，不调休。
        七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
        鼓励单位和个人结合落实带薪年休假等制度，实际形成较长假期。
        国务院办公厅
        2026年11月20日
        """;

    [Fact]
    public async Task Notice_PastedFor2027_PreviewShowsTheYearAndItsChanges_AndSavingMakesItKnown()
    {
        using var admin = await App.LoginAsync("admin");
        // An open case received on 25 January 2027: its 15-day clock ends on Tuesday 9 February, a working day until
        // the notice makes it a 春节 day.
        var (caseId, _) = await App.AddCaseAsync(receivedOn: new DateOnly(2027, 1, 25));
        Assert.Equal(new DateOnly(2027, 2, 9), await DueOnAsync(caseId));
        var page = await admin.GetPageAsync("/Admin/Calendar/Notice?year=2027");
        Assert.Equal("粘贴国务院通知", page.QuerySelector("h1")!.TextContent.Trim());

        using var previewResponse = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Text"] = Example2027 }, button: "button[formaction*='handler=Preview']");

        var preview = await previewResponse.AssertFormReturnedAsync();
        Assert.Equal(Example2027.Replace("\r\n", "\n"), preview.ValueOf("Text")!.Replace("\r\n", "\n")); // kept for another look
        Assert.Equal("预览：按通知安排的 2027 年", preview.QuerySelector("#preview-title")!.TextContent.Trim());
        var summary = preview.QuerySelector(".notice-preview .summary")!.TextContent;
        Assert.Contains("共 28 个放假日、5 个调休上班日。", summary);
        Assert.Contains("13 个暂定的法定节假日得到确认。", summary);
        var changes = preview.QuerySelectorAll("table.changes tbody tr")
            .ToDictionary(r => r.GetAttribute("data-date")!, r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray());
        Assert.Equal(["2027-02-09 星期二", "工作日", "节假日：春节"], changes["2027-02-09"]);
        Assert.Equal(["2027-02-20 星期六", "周末", "调休上班：春节"], changes["2027-02-20"]);
        Assert.Equal(["2027-01-02 星期六", "周末", "节假日：元旦"], changes["2027-01-02"]);
        Assert.DoesNotContain("2027-01-01", changes.Keys); // provisional 元旦 confirmed, not a change
        Assert.DoesNotContain("2027-02-01", changes.Keys);
        var cell = preview.QuerySelector(".notice-preview span[data-date='2027-02-09']")!;
        Assert.Equal("true", cell.GetAttribute("data-changed"));
        Assert.Equal("holiday changed", cell.ParentElement!.ClassName);
        Assert.Equal("false", preview.QuerySelector(".notice-preview span[data-date='2027-02-05']")!.GetAttribute("data-provisional"));
        Assert.False(await App.WithDbAsync(db => db.CalendarYears.AnyAsync(y => y.Year == 2027))); // nothing saved yet

        using var saved = await admin.SubmitAsync(preview, button: "button[formaction*='handler=Save']");

        await saved.AssertRedirectToAsync("/Admin/Calendar?year=2027");
        var calendar = await admin.GetPageAsync("/Admin/Calendar?year=2027");
        Assert.Equal("已保存国务院公布的 2027 年安排：28 个放假日，5 个调休上班日。", calendar.StatusMessage());
        Assert.Null(calendar.QuerySelector("main .status-warning"));
        Assert.Contains("由 admin 粘贴国务院通知录入", calendar.QuerySelector("main")!.TextContent);
        Assert.Empty(calendar.QuerySelectorAll("main a[data-provisional=true]"));
        Assert.Equal("Holiday", IndexTests.Kind(calendar, "2027-02-09"));
        Assert.Equal("MakeUpWorkday", IndexTests.Kind(calendar, "2027-02-20"));
        var year = await App.WithDbAsync(db => db.HolidayEntries.AsNoTracking().Where(e => e.Date.Year == 2027).ToListAsync());
        Assert.Equal(33, year.Count);
        Assert.All(year, e => Assert.False(e.EnteredByHand));
        // Saved the way an import saves: the case's clock now ends after the holiday, on Monday 15 February.
        Assert.Equal(new DateOnly(2027, 2, 15), await DueOnAsync(caseId));
    }

    [Fact]
    public async Task Notice_TheLoaded2026Again_NothingChanges()
    {
        using var admin = await App.LoginAsync("admin");
        var before = await App.WithDbAsync(db => db.HolidayEntries.AsNoTracking().Where(e => e.Date.Year == 2026).OrderBy(e => e.Date)
            .Select(e => e.Date + " " + e.Name + " " + e.IsOffDay).ToListAsync());

        using var previewResponse = await admin.OpenAndSubmitAsync("/Admin/Calendar/Notice?year=2026",
            new Dictionary<string, string> { ["Text"] = Notice2026 }, button: "button[formaction*='handler=Preview']");
        var preview = await previewResponse.AssertFormReturnedAsync();
        Assert.Equal("与现行日历相比没有变化。", preview.QuerySelector(".notice-preview .status")!.TextContent.Trim());
        Assert.Contains("将替换已载入的 2026 年安排。", preview.QuerySelector(".notice-preview .summary")!.TextContent);
        Assert.Contains("全年工作日：现在 248 天，保存后 248 天。", preview.QuerySelector(".notice-preview .summary")!.TextContent);
        using var saved = await admin.SubmitAsync(preview, button: "button[formaction*='handler=Save']");

        await saved.AssertRedirectToAsync("/Admin/Calendar?year=2026");
        var after = await App.WithDbAsync(db => db.HolidayEntries.AsNoTracking().Where(e => e.Date.Year == 2026).OrderBy(e => e.Date)
            .Select(e => e.Date + " " + e.Name + " " + e.IsOffDay).ToListAsync());
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Notice_APartialPaste_IsRefusedNextToTheField_TheTextKept_NothingSaved()
    {
        var partial = string.Join("\n", Example2027.Split('\n').Where(l => !l.StartsWith("七、", StringComparison.Ordinal)));
        using var admin = await App.LoginAsync("admin");
        var before = await App.WithDbAsync(db => db.HolidayEntries.CountAsync());

        using var response = await admin.OpenAndSubmitAsync("/Admin/Calendar/Notice?year=2027",
            new Dictionary<string, string> { ["Text"] = partial }, button: "button[formaction*='handler=Preview']");

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("通知未保存：有 3 处问题，见下。", page.ErrorFor("Text"));
        Assert.Equal(
        [
            "2027-10-01（国庆节）是法定节假日，但文本中没有安排放假，请粘贴完整的通知。",
            "2027-10-02（国庆节）是法定节假日，但文本中没有安排放假，请粘贴完整的通知。",
            "2027-10-03（国庆节）是法定节假日，但文本中没有安排放假，请粘贴完整的通知。",
        ], page.QuerySelectorAll("main .field-errors li").Select(li => li.TextContent.Trim()));
        Assert.Equal(partial, page.ValueOf("Text")!.Replace("\r\n", "\n"));
        Assert.Null(page.QuerySelector(".notice-preview"));
        Assert.Equal(before, await App.WithDbAsync(db => db.HolidayEntries.CountAsync()));
    }

    [Fact]
    public async Task Notice_AWrongWeekday_IsExplainedInChinese()
    {
        using var admin = await App.LoginAsync("admin");

        using var response = await admin.OpenAndSubmitAsync("/Admin/Calendar/Notice",
            new Dictionary<string, string> { ["Text"] = Example2027.Replace("2月20日（周六）", "2月20日（周日）", StringComparison.Ordinal) },
            button: "button[formaction*='handler=Preview']");

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("2027-02-20（二、春节）是星期六，但通知写的是周日，请核对年份和文本。", page.ErrorFor("Text"));
        Assert.Empty(page.QuerySelectorAll("main .field-errors li"));
    }

    [Fact]
    public async Task Notice_Empty_AsksForTheText()
    {
        using var admin = await App.LoginAsync("admin");

        using var response = await admin.OpenAndSubmitAsync("/Admin/Calendar/Notice", button: "button[formaction*='handler=Preview']");

        Assert.Equal("请粘贴国务院办公厅通知的全文。", (await response.AssertFormReturnedAsync()).ErrorFor("Text"));
    }

    [Fact]
    public async Task Notice_TextEditedAfterThePreview_IsPreviewedAgainNotSaved()
    {
        using var admin = await App.LoginAsync("admin");
        using var previewResponse = await admin.OpenAndSubmitAsync("/Admin/Calendar/Notice",
            new Dictionary<string, string> { ["Text"] = Example2027 }, button: "button[formaction*='handler=Preview']");
        var preview = await previewResponse.AssertFormReturnedAsync();
        var edited = Example2027.Replace("2月20日（周六）上班", "2月20日（周六）、2月21日（周日）上班", StringComparison.Ordinal);

        using var response = await admin.SubmitAsync(preview, new Dictionary<string, string> { ["Text"] = edited }, button: "button[formaction*='handler=Save']");

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("预览之后文本有改动：请核对下面的新预览后再保存。", page.ErrorFor("Text"));
        Assert.NotNull(page.QuerySelector("table.changes tr[data-date='2027-02-21']"));
        Assert.False(await App.WithDbAsync(db => db.HolidayEntries.AnyAsync(e => e.Date == new DateOnly(2027, 2, 21))));
    }

    [Fact]
    public async Task Notice_OnlyAdministrators()
    {
        using var clerk = await App.LoginAsync("clerk");

        using var response = await clerk.GetAsync("/Admin/Calendar/Notice");

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }

    private Task<DateOnly?> DueOnAsync(int caseId) =>
        App.WithDbAsync(db => db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.DueOn).SingleAsync());
}
