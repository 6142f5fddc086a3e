using Microsoft.EntityFrameworkCore;
using Reception.Core.Organisation;

namespace Reception.Web.Tests.Features.Leaders;

public sealed class IndexTests(OwnDemoApp demo) : IClassFixture<OwnDemoApp>
{
    /// <summary>DemoData's leaders in their rotation order (protocol order across the four leading bodies).</summary>
    private static readonly string[] DemoLeaders =
        ["张建国", "赵文军", "黄海涛", "吴建平", "李明华", "陈立新", "王志强", "刘晓红", "杨国栋", "周丽萍", "徐志明", "孙秀英"];

    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Index_DemoCity_ListsTheTwelveLeadersInRotationOrder()
    {
        using var client = await App.LoginAsync("clerk");
        var cityId = await OrgIdAsync("demo");

        var page = await client.GetPageAsync($"/Leaders?org={cityId}");

        var rows = Rows(page);
        Assert.Equal(DemoLeaders, rows.Select(r => r.Name));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => i.ToString()), rows.Select(r => r.Order));
        Assert.All(rows, r => Assert.Equal("在用", r.Status));
        Assert.Equal(cityId.ToString(), page.ValueOf("org"));
    }

    [Fact]
    public async Task Index_NoFilter_StartsWithTheCityLeadersInRotationOrder()
    {
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync("/Leaders");

        Assert.Equal(DemoLeaders, Rows(page).Take(12).Select(r => r.Name));
        Assert.NotNull(page.QuerySelector("main a[href='/Leaders/Create']"));
        Assert.NotNull(page.QuerySelector("main a[href='/Leaders/Import']"));
    }

    [Fact]
    public async Task Index_SearchByTitle_ShowsOnlyTheMatchingLeadersAndKeepsTheQuery()
    {
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync("/Leaders?q=" + Uri.EscapeDataString("副市长"));

        Assert.Equal(["陈立新", "刘晓红", "杨国栋"], Rows(page).Select(r => r.Name));
        Assert.Equal("副市长", page.ValueOf("q"));
    }

    [Fact]
    public async Task Index_SearchByName_FindsThatLeader()
    {
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync("/Leaders?q=" + Uri.EscapeDataString(" 周丽萍 "));

        var row = Assert.Single(Rows(page));
        Assert.Equal("周丽萍", row.Name);
        Assert.Equal("市人大常委会副主任", row.Title);
    }

    [Fact]
    public async Task Index_SearchWithoutMatch_SaysNoLeadersMatch()
    {
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync("/Leaders?q=" + Uri.EscapeDataString("没有这个人"));

        Assert.Empty(Rows(page));
        Assert.Contains("没有符合条件的领导。", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Index_PageParameter_ShowsThatPageAndThePagerKeepsTheFilter()
    {
        // 55 leaders in 白河镇: 50 on the first page, 5 on the second.
        var baiheId = await OrgIdAsync("baihe");
        await App.WithDbAsync(async db =>
        {
            for (var i = 1; i <= 55; i++)
                db.Leaders.Add(new Leader($"分页{i:00}", "副镇长", LeadingBody.Government, baiheId, i, null, null));
            return await db.SaveChangesAsync();
        });
        using var client = await App.LoginAsync("clerk");

        var first = await client.GetPageAsync($"/Leaders?org={baiheId}");
        var second = await client.GetPageAsync($"/Leaders?org={baiheId}&p=2");
        var beyond = await client.GetPageAsync($"/Leaders?org={baiheId}&p=99");

        Assert.Equal(50, Rows(first).Count);
        Assert.Contains("第 1 / 2 页 · 共 55 条", first.QuerySelector("nav.pager")!.TextContent);
        Assert.Equal($"/Leaders?org={baiheId}&p=2", first.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href"));
        Assert.Equal(["分页51", "分页52", "分页53", "分页54", "分页55"], Rows(second).Select(r => r.Name));
        Assert.Contains("第 2 / 2 页 · 共 55 条", second.QuerySelector("nav.pager")!.TextContent);
        Assert.Equal($"/Leaders?org={baiheId}&p=1", second.QuerySelector("nav.pager a[rel=prev]")!.GetAttribute("href"));
        Assert.Null(second.QuerySelector("nav.pager a[rel=next]"));
        Assert.Equal(Rows(second).Select(r => r.Name), Rows(beyond).Select(r => r.Name)); // a page past the end shows the last one
    }

    [Fact]
    public async Task Index_Supervisor_SeesTheListButNoEditing()
    {
        using var client = await App.LoginAsync("supervisor");

        var page = await client.GetPageAsync("/Leaders");

        Assert.Equal(DemoLeaders, Rows(page).Take(12).Select(r => r.Name));
        Assert.Empty(page.QuerySelectorAll("main table a[href^='/Leaders/Edit']"));
        Assert.Null(page.QuerySelector("main a[href='/Leaders/Create']"));
    }

    private Task<int> OrgIdAsync(string code) =>
        App.WithDbAsync(db => db.OrgUnits.Where(o => o.Code == code).Select(o => o.Id).SingleAsync());

    internal sealed record Row(string Order, string Name, string Title, string Status);

    internal static List<Row> Rows(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("main table.grid tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList())
            .Select(c => new Row(c[0], c[1], c[2], c[7]))
            .ToList();
}
