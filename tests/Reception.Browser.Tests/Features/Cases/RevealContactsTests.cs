using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reception.Browser.Tests.Infrastructure;
using Reception.Web.Audit;
using Reception.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features.Cases;

/// <summary>
/// Issue 16 item 4: the handling unit's handler sees a petitioner's phone and address masked, asks to reveal them, is told in
/// Chinese beside the field that a reason is needed, gives one, sees that petitioner's contact details on that page only —
/// the reason never in the address — and the audit log has who, which case, which petitioner and why.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RevealContactsTests(BrowserFixture browser)
{
    [Fact]
    public async Task UnitHandler_RevealsOnePetitionersContacts_WithAReason_Audited_OnThatPageOnly()
    {
        var (caseId, number, petitionerId, phone) = await HandledCaseWithPhoneAsync();
        await using var context = await browser.NewContextAsync();
        await Axe.AddToAsync(context);
        var page = await context.NewPageAsync();
        await page.SignInAsync(browser, "unit");
        await page.GotoAsync($"/Cases/Details/{caseId}");

        var phoneCell = page.Locator($"main tr[data-petitioner='{petitionerId}'] [data-field=phone]");
        await Expect(phoneCell).Not.ToHaveTextAsync(phone);
        var form = page.Locator($"form[data-reveal-form='{petitionerId}']");
        await Expect(form).ToBeVisibleAsync();

        // No reason: refused beside the field, in Chinese, nothing shown.
        await page.ClickAndNavigateAsync(form.GetByRole(AriaRole.Button));
        await Expect(form).ToContainTextAsync("请填写需要该信访人联系方式的理由");
        await Expect(phoneCell).Not.ToHaveTextAsync(phone);
        Assert.Empty(await Axe.ViolationsAsync(page));

        // With a reason: that petitioner's phone is shown, for this page only.
        const string reason = "电话回访核实诉求";
        await form.GetByLabel("查看联系方式的理由").FillAsync(reason);
        await page.ScreenshotAsync("unit-reveal-contacts");
        await page.ClickAndNavigateAsync(form.GetByRole(AriaRole.Button));
        await Expect(phoneCell).ToHaveTextAsync(phone);
        await Expect(page.Locator($"[data-revealed='{petitionerId}']")).ToContainTextAsync("审计日志");
        Assert.DoesNotContain(Uri.EscapeDataString(reason), page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(reason, Uri.UnescapeDataString(page.Url), StringComparison.Ordinal);

        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var record = await db.AuditRecords.Where(r => r.Action == AuditActions.PersonalDataReveal).OrderBy(r => r.Id).LastAsync();
            Assert.Equal(("unit", "case:" + number, $"petitioner={petitionerId}; reason={reason}"), (record.UserName, record.Target, record.Detail));
        }

        await page.GotoAsync($"/Cases/Details/{caseId}");
        await Expect(phoneCell).Not.ToHaveTextAsync(phone);
    }

    /// <summary>A demo case handled by the demo unit handler's bureau with a petitioner who has a phone.</summary>
    private async Task<(int CaseId, string Number, int PetitionerId, string Phone)> HandledCaseWithPhoneAsync()
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unit = await db.Users.Where(u => u.UserName == "unit").Select(u => u.DepartmentId!.Value).SingleAsync();
        var c = await db.Cases.AsNoTracking().Include(x => x.Petitioners)
            .Where(x => x.HandlingUnitId == unit && x.Petitioners.Any(p => p.Phone != null))
            .OrderBy(x => x.Id).FirstAsync();
        var p = c.Petitioners.OrderBy(x => x.Id).First(x => x.Phone != null);
        return (c.Id, c.Number.ToString(), p.Id, p.Phone!);
    }
}
