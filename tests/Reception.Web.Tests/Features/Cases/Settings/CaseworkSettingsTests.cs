using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Audit;
using Reception.Core.Cases;
using Reception.Web.Audit;
using Reception.Web.Tests.Audit;

namespace Reception.Web.Tests.Features.Cases.Settings;

/// <summary>Admin → case settings: the category tree (codes immutable, nothing deleted) and the 包案 checklist.</summary>
public sealed class CaseworkSettingsTests(OwnDemoApp demo) : IClassFixture<OwnDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task AddCategory_AtTheTopAndUnderAParent_ShowsTheTree()
    {
        using var admin = await App.LoginAsync("admin");
        var top = Code("top");
        var child = Code("child");

        using (var response = await AddCategoryAsync(admin, " " + top.ToUpperInvariant() + " ", " 城市更新 ", ""))
            await response.AssertRedirectToAsync("/Admin/Casework");
        using (var response = await AddCategoryAsync(admin, child, "老旧小区改造", top))
            await response.AssertRedirectToAsync("/Admin/Casework");

        var (t, c) = (await CategoryAsync(top), await CategoryAsync(child));
        Assert.Equal((top, "城市更新", null, true), (t.Code, t.Name, t.ParentCode, t.IsActive));
        Assert.Equal((child, "老旧小区改造", top), (c.Code, c.Name, c.ParentCode));
        var page = await admin.GetPageAsync("/Admin/Casework");
        Assert.Equal("已添加分类“老旧小区改造”。", page.StatusMessage());
        var codes = page.QuerySelectorAll("table.categories tbody tr").Select(tr => tr.GetAttribute("data-code")).ToList();
        Assert.Equal(codes.IndexOf(top) + 1, codes.IndexOf(child));
        Assert.Equal("1", Row(page, child).GetAttribute("data-depth"));
        Assert.Contains("land", codes); // the shipped ones are there too
        var audited = (await App.AuditRecordsAsync()).Where(r => r.Action == AuditActions.SettingsChange && r.UserName == "admin").TakeLast(2).ToList();
        Assert.Equal(2, audited.Count);
        Assert.All(audited, r => Assert.Equal(("page:/Cases/Settings/Index", AuditOutcome.Success), (r.Target, r.Outcome)));
    }

    [Theory]
    [InlineData("land", "征地拆迁二", "", "NewCategory.Code", "编码“land”已被使用（编码不能重复使用，已停用分类的编码也不能）。")]
    [InlineData("LAND", "征地拆迁二", "", "NewCategory.Code", "编码“land”已被使用（编码不能重复使用，已停用分类的编码也不能）。")]
    [InlineData("", "无编码", "", "NewCategory.Code", "请填写编码。")]
    [InlineData("征地 x", "中文编码", "", "NewCategory.Code", "编码最多 50 个字符，只能包含字母、数字、“-”“_”“.”（不能有空格）。")]
    [InlineData("NEW", "", "", "NewCategory.Name", "请填写名称。")]
    [InlineData("NEW", "LONG", "", "NewCategory.Name", "名称最多 50 个字。")]
    [InlineData("NEW", "无此上级", "no-such-parent", "NewCategory.ParentCode", "请从列表中选择上级分类。")]
    public async Task AddCategory_BadInput_ShowsTheChineseMessageNextToTheFieldAndKeepsTheInput(string code, string name, string parent, string field, string message)
    {
        using var admin = await App.LoginAsync("admin");
        if (code == "NEW") code = Code("new");
        if (name == "LONG") name = new string('类', 51);
        var before = await App.WithDbAsync(db => db.CaseCategories.CountAsync());

        using var response = await AddCategoryAsync(admin, code, name, parent);

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal(message, page.ErrorFor(field));
        Assert.Equal([field], page.FieldErrors().Keys);
        Assert.Equal(code, page.ValueOf("NewCategory.Code"));
        Assert.Equal(name, page.ValueOf("NewCategory.Name"));
        Assert.Equal(before, await App.WithDbAsync(db => db.CaseCategories.CountAsync()));
    }

    [Fact]
    public async Task EditCategory_RenamesAndMovesButKeepsTheCode()
    {
        using var admin = await App.LoginAsync("admin");
        var (a, b) = (Code("a"), Code("b"));
        await AddAsync(admin, a, "甲", "");
        await AddAsync(admin, b, "乙", a);
        var id = (await CategoryAsync(b)).Id;

        var form = await admin.GetPageAsync($"/Admin/Casework/Category/{id}");
        Assert.Equal(a, form.ValueOf("ParentCode"));
        using (var response = await admin.SubmitAsync(form, new Dictionary<string, string> { ["Name"] = " 乙（改） ", ["ParentCode"] = "labour" }))
            await response.AssertRedirectToAsync("/Admin/Casework#categories");
        var moved = await CategoryAsync(b);
        Assert.Equal((b, "乙（改）", "labour"), (moved.Code, moved.Name, moved.ParentCode));

        using (var response = await admin.OpenAndSubmitAsync($"/Admin/Casework/Category/{id}", new Dictionary<string, string> { ["ParentCode"] = "" }))
            await response.AssertRedirectToAsync("/Admin/Casework#categories");
        Assert.Null((await CategoryAsync(b)).ParentCode); // to the top
        var page = await admin.GetPageAsync("/Admin/Casework");
        Assert.Equal("已保存分类“乙（改）”。", page.StatusMessage());
        Assert.Equal("0", Row(page, b).GetAttribute("data-depth"));
    }

    [Theory]
    [InlineData("SELF")]
    [InlineData("CHILD")]
    [InlineData("GRANDCHILD")]
    public async Task EditCategory_MoveUnderItselfOrBelowItself_IsRefusedAsACycle(string target)
    {
        using var admin = await App.LoginAsync("admin");
        var (a, b, c) = (Code("ca"), Code("cb"), Code("cc"));
        await AddAsync(admin, a, "上", "");
        await AddAsync(admin, b, "中", a);
        await AddAsync(admin, c, "下", b);
        var id = (await CategoryAsync(a)).Id;
        var form = await admin.GetPageAsync($"/Admin/Casework/Category/{id}");
        var offered = form.QuerySelectorAll("select[name=ParentCode] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.DoesNotContain(a, offered);
        Assert.DoesNotContain(b, offered);
        Assert.DoesNotContain(c, offered);
        Assert.Contains("labour", offered);

        var parent = target switch { "SELF" => a, "CHILD" => b, _ => c };
        using var response = await admin.SubmitAsync(form, new Dictionary<string, string> { ["ParentCode"] = parent, ["Name"] = "上（改）" });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("不能把分类移到它自身或它的下级分类之下。", page.ErrorFor("ParentCode"));
        Assert.Equal("上（改）", page.ValueOf("Name"));
        var unchanged = await CategoryAsync(a);
        Assert.Equal(("上", null), (unchanged.Name, unchanged.ParentCode));
    }

    [Fact]
    public async Task EditCategory_BadName_IsRefusedNextToTheField()
    {
        using var admin = await App.LoginAsync("admin");
        var id = (await CategoryAsync("other")).Id;

        using var response = await admin.OpenAndSubmitAsync($"/Admin/Casework/Category/{id}", new Dictionary<string, string> { ["Name"] = " " });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("请填写名称。", page.ErrorFor("Name"));
        Assert.Equal("其他", (await CategoryAsync("other")).Name);
    }

    [Fact]
    public async Task RetireAndReactivateCategory_KeepsItButStopsOfferingItAsAParent()
    {
        using var admin = await App.LoginAsync("admin");
        var code = Code("retire");
        await AddAsync(admin, code, "停用测试", "");
        var page = await admin.GetPageAsync("/Admin/Casework");

        using (var response = await admin.SubmitAsync(page, form: $"tr[data-code='{code}'] form"))
            await response.AssertRedirectToAsync("/Admin/Casework");

        Assert.False((await CategoryAsync(code)).IsActive);
        page = await admin.GetPageAsync("/Admin/Casework");
        Assert.Equal("已停用分类“停用测试”：新案件不能再选，已有案件保持不变。", page.StatusMessage());
        Assert.Contains("已停用", Row(page, code).TextContent);
        Assert.DoesNotContain(code, ParentOptions(page));
        using (var refused = await AddCategoryAsync(admin, Code("under"), "挂在停用分类下", code))
            Assert.Equal("请从列表中选择上级分类。", (await refused.AssertFormReturnedAsync()).ErrorFor("NewCategory.ParentCode"));

        using (var response = await admin.SubmitAsync(page, form: $"tr[data-code='{code}'] form"))
            await response.AssertRedirectToAsync("/Admin/Casework");
        Assert.True((await CategoryAsync(code)).IsActive);
        Assert.Contains(code, ParentOptions(await admin.GetPageAsync("/Admin/Casework")));
    }

    [Fact]
    public async Task Checklist_AddRenameReorderRetireAndReactivate()
    {
        using var admin = await App.LoginAsync("admin");
        var text = PageTesting.Unique("一次回访");
        var page = await admin.GetPageAsync("/Admin/Casework");
        using (var response = await admin.SubmitAsync(page, new Dictionary<string, string> { ["NewItem.Text"] = " " + text + " " }, form: "form#add-item"))
            await response.AssertRedirectToAsync("/Admin/Casework");
        var item = await App.WithDbAsync(db => db.ChecklistItems.AsNoTracking().SingleAsync(i => i.Text == text));
        page = await admin.GetPageAsync("/Admin/Casework");
        Assert.Equal($"已添加包案清单项“{text}”。", page.StatusMessage());
        Assert.Equal(item.Id, ItemOrder(page)[^1]); // added last

        // Up one place, then down again.
        using (var up = await admin.SubmitAsync(page, button: "button[value=true]", form: $"tr[data-item='{item.Id}'] form[action*=MoveItem]"))
            await up.AssertRedirectToAsync("/Admin/Casework#checklist");
        var order = ItemOrder(await admin.GetPageAsync("/Admin/Casework"));
        Assert.Equal(item.Id, order[^2]);
        page = await admin.GetPageAsync("/Admin/Casework");
        using (var down = await admin.SubmitAsync(page, button: "button[value=false]", form: $"tr[data-item='{item.Id}'] form[action*=MoveItem]"))
            await down.AssertRedirectToAsync("/Admin/Casework#checklist");
        Assert.Equal(order[..^2].Append(order[^1]).Append(item.Id), ItemOrder(await admin.GetPageAsync("/Admin/Casework")));

        using (var renamed = await admin.OpenAndSubmitAsync($"/Admin/Casework/Item/{item.Id}", new Dictionary<string, string> { ["Text"] = text + "（改）" }))
            await renamed.AssertRedirectToAsync("/Admin/Casework#checklist");
        Assert.Equal(text + "（改）", await App.WithDbAsync(db => db.ChecklistItems.Where(i => i.Id == item.Id).Select(i => i.Text).SingleAsync()));

        page = await admin.GetPageAsync("/Admin/Casework");
        using (var retire = await admin.SubmitAsync(page, form: $"tr[data-item='{item.Id}'] form[action*=ItemActive]"))
            await retire.AssertRedirectToAsync("/Admin/Casework#checklist");
        Assert.False(await App.WithDbAsync(db => db.ChecklistItems.Where(i => i.Id == item.Id).Select(i => i.IsActive).SingleAsync()));
        page = await admin.GetPageAsync("/Admin/Casework");
        using (var reactivate = await admin.SubmitAsync(page, form: $"tr[data-item='{item.Id}'] form[action*=ItemActive]"))
            await reactivate.AssertRedirectToAsync("/Admin/Casework#checklist");
        Assert.True(await App.WithDbAsync(db => db.ChecklistItems.Where(i => i.Id == item.Id).Select(i => i.IsActive).SingleAsync()));
    }

    [Theory]
    [InlineData("", "请填写清单项内容。")]
    [InlineData("LONG", "清单项最多 100 个字。")]
    public async Task Checklist_BadText_IsRefusedNextToTheField(string text, string message)
    {
        using var admin = await App.LoginAsync("admin");
        if (text == "LONG") text = new string('项', 101);
        var before = await App.WithDbAsync(db => db.ChecklistItems.CountAsync());
        var page = await admin.GetPageAsync("/Admin/Casework");

        using var response = await admin.SubmitAsync(page, new Dictionary<string, string> { ["NewItem.Text"] = text }, form: "form#add-item");

        var form = await response.AssertFormReturnedAsync();
        Assert.Equal(message, form.ErrorFor("NewItem.Text"));
        Assert.Equal(text, form.ValueOf("NewItem.Text"));
        Assert.Equal(before, await App.WithDbAsync(db => db.ChecklistItems.CountAsync()));
    }

    [Theory]
    [InlineData("clerk")]
    [InlineData("supervisor")]
    [InlineData("leader01")]
    [InlineData("unit")]
    public async Task NonAdmins_AreForbidden(string user)
    {
        using var client = await App.LoginAsync(user);
        var before = await App.WithDbAsync(db => db.CaseCategories.CountAsync());

        using var get = await client.GetAsync("/Admin/Casework");
        using var post = await client.Http.PostAsync("/Admin/Casework?handler=AddCategory",
            new FormUrlEncodedContent([new("NewCategory.Code", Code("x")), new("NewCategory.Name", "越权")]));

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(before, await App.WithDbAsync(db => db.CaseCategories.CountAsync()));
    }

    private static string Code(string prefix) => PageTesting.Unique(prefix).ToLowerInvariant();

    private static async Task<HttpResponseMessage> AddCategoryAsync(AppClient admin, string code, string name, string parent)
    {
        var page = await admin.GetPageAsync("/Admin/Casework");
        return await admin.SubmitAsync(page,
            new Dictionary<string, string> { ["NewCategory.Code"] = code, ["NewCategory.Name"] = name, ["NewCategory.ParentCode"] = parent },
            form: "form#add-category");
    }

    private static async Task AddAsync(AppClient admin, string code, string name, string parent)
    {
        using var response = await AddCategoryAsync(admin, code, name, parent);
        await response.AssertRedirectToAsync("/Admin/Casework");
    }

    private Task<CaseCategory> CategoryAsync(string code) =>
        App.WithDbAsync(db => db.CaseCategories.AsNoTracking().SingleAsync(c => c.Code == code));

    private static IElement Row(IDocument page, string code) => page.QuerySelector($"table.categories tr[data-code='{code}']")!;

    private static List<string?> ParentOptions(IDocument page) =>
        page.QuerySelectorAll("select[name='NewCategory.ParentCode'] option").Select(o => o.GetAttribute("value")).ToList();

    private static List<int> ItemOrder(IDocument page) =>
        page.QuerySelectorAll("table.checklist-items tbody tr").Select(tr => int.Parse(tr.GetAttribute("data-item")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
}
