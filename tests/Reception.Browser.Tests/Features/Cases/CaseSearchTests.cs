using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reception.Browser.Tests.Infrastructure;
using Reception.Core.Cases;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features.Cases;

/// <summary>The server at Monday 2026-11-23 09:00 Beijing time (the search tests register their own petitioner).</summary>
public sealed class SearchAppServer() : AppServer(TestTime.AtChinaTime(2026, 11, 23));

/// <summary>
/// "Has this person been here before?": the clerk registers a petition, then finds it from the case list's one search box by a
/// part of the name, by the ID number and by a two-character word of the content (工资), and opens the petitioner's page from
/// the result, which lists both of the person's matters.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CaseSearchTests(BrowserFixture browser, SearchAppServer server) : IClassFixture<SearchAppServer>
{
    private static readonly string IdNumber = "11010519800101001" + IdentityNumber.CheckCharacter("11010519800101001");

    [Fact]
    public async Task Clerk_FindsThePetitioner_ByNamePart_IdNumber_AndAWord_ThenOpensTheirPage()
    {
        await using var context = await server.NewContextAsync(browser);
        var clerk = await context.NewPageAsync();
        await server.SignInAsync(clerk, "clerk");
        var numbers = new List<string>();
        foreach (var (summary, content) in new[]
                 {
                     ("反映装修公司欠付劳务费", "信访人称为某装修公司做工两个月，劳务费至今未结。"),
                     ("再次反映欠付工资问题", "信访人称装修公司仍未支付工资，要求尽快解决。"),
                 })
        {
            await clerk.GotoAsync("/Cases/Register");
            await clerk.GetByLabel("信访形式").SelectOptionAsync(new SelectOptionValue { Label = "来访" });
            var petitioner = clerk.Locator("main fieldset").Filter(new() { HasText = "姓名" }).First;
            await petitioner.GetByLabel("姓名").FillAsync("欧阳明月");
            await petitioner.GetByLabel("身份证号码").FillAsync(IdNumber);
            await clerk.GetByLabel("类别").SelectOptionAsync(new SelectOptionValue { Label = "劳动社保" });
            await clerk.GetByLabel("摘要").FillAsync(summary);
            await clerk.GetByLabel("信访内容").FillAsync(content);
            await clerk.ClickAndNavigateAsync(clerk.Locator("main").GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }));
            if (numbers.Count == 1)
            {
                // The intake check finds the first matter by the ID number: register this one as its repeat.
                await clerk.Locator("input[name='Input.RepeatOf']").First.CheckAsync();
                await clerk.ClickAndNavigateAsync(clerk.Locator("main").GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }));
            }

            await Expect(clerk).ToHaveURLAsync(new Regex(@"/Cases/Details/\d+$"));
            numbers.Add(Regex.Match(await clerk.Locator("main h1").InnerTextAsync(), @"demo-2026-\d{6}").Value);
        }

        await clerk.ClickAndNavigateAsync(clerk.NavLink("案件"));
        var box = clerk.GetByRole(AriaRole.Search).GetByLabel("查询");
        foreach (var (q, expected) in new[] { ("明月", numbers), (IdNumber, numbers), ("工资", [numbers[1]]) })
        {
            await box.FillAsync(q);
            await clerk.ClickAndNavigateAsync(clerk.GetByRole(AriaRole.Search).GetByRole(AriaRole.Button, new() { Name = "显示" }));
            foreach (var number in expected)
                await Expect(clerk.Locator("table.case-list tbody tr").Filter(new() { HasText = number })).ToHaveCountAsync(1);
            await Expect(box).ToHaveValueAsync(q);
        }

        await clerk.ScreenshotAsync("case-search-word");
        var row = clerk.Locator("table.case-list tbody tr").Filter(new() { HasText = numbers[1] });
        await clerk.ClickAndNavigateAsync(row.GetByRole(AriaRole.Link, new() { Name = "欧阳明月" }));
        await Expect(clerk.Locator("main h1")).ToHaveTextAsync("信访人 欧阳明月");
        Assert.DoesNotContain(IdNumber, clerk.Url, StringComparison.Ordinal);
        var matters = clerk.Locator("table.petitioner-matters tbody tr");
        await Expect(matters).ToHaveCountAsync(2);
        await Expect(matters.Nth(0)).ToContainTextAsync(numbers[0]);
        await Expect(matters.Nth(1)).ToContainTextAsync(numbers[1]);
        await Expect(matters.Nth(1).Locator("[data-flag=repeat]")).ToHaveCountAsync(1);
        await clerk.ScreenshotAsync("petitioner-page");
    }
}
