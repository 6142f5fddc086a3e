using System.Net;
using AngleSharp.Dom;
using Reception.Web.Infrastructure;

namespace Reception.Web.Tests.Infrastructure;

/// <summary>
/// Data-protection keys live in the app's database: two instances on one PostgreSQL database read each other's sign-in
/// cookies and antiforgery tokens (a user moved to another instance behind the proxy stays signed in and can submit the
/// form they opened); an instance on another database cannot.
/// </summary>
public sealed class SharedKeysTests
{
    [Fact]
    public async Task ACookieAndAFormFromOneInstance_WorkOnAnother_OnTheSameDatabase_AndNotElsewhere()
    {
        using var database = PostgresServer.CreateDatabase("keys");
        await using var one = ReceptionFactory.Build().OnDatabase(database).Create();
        using var onOne = await one.LoginAsync("clerk"); // seeds the demo, creates the key ring, signs in
        var form = await onOne.GetPageAsync("/Account/ChangePassword");
        var token = form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"main form input[name={AppClient.AntiforgeryField}]")!.Value;

        await using var two = ReceptionFactory.Build().OnDatabase(database).Create();
        using var onTwo = two.CreateAppClient();
        foreach (Cookie cookie in onOne.Cookies.GetAllCookies()) onTwo.Cookies.Add(cookie);
        using (var page = await onTwo.GetAsync("/Cases"))
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // The antiforgery token of the form opened on instance one is accepted by instance two (a wrong password is
        // refused by the page, not by antiforgery: the form comes back with 200, not 400).
        using (var post = await onTwo.Http.PostAsync("/Account/ChangePassword", new FormUrlEncodedContent(
                   [new("Input.CurrentPassword", "not-the-password"), new("Input.NewPassword", "Another#2026x"), new("Input.ConfirmPassword", "Another#2026x"), new(AppClient.AntiforgeryField, token)])))
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);

        await using var elsewhere = ReceptionFactory.Build().On(DatabaseProvider.Postgres).Create();
        using var onElsewhere = elsewhere.CreateAppClient();
        foreach (Cookie cookie in onOne.Cookies.GetAllCookies()) onElsewhere.Cookies.Add(cookie);
        using var refused = await onElsewhere.GetAsync("/Cases");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/Login", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
