using Microsoft.EntityFrameworkCore;
using Reception.Core.Audit;
using Reception.Web.Audit;
using Reception.Web.Features.Audit;
using Reception.Web.Features.Demo;
using Reception.Web.Tests.Audit;

namespace Reception.Web.Tests.Features.Account;

/// <summary>
/// Issue 16 items 8 and 9: failed sign-ins are delayed (growing, never more than 15 minutes, per address and per name
/// from that address), a stranger cannot lock the owner out, and every refusal looks and costs the same.
/// </summary>
public sealed class SignInThrottlingTests(ClockedSecurityApp fixture) : IClassFixture<ClockedSecurityApp>
{
    private const string WrongPasswordMessage = "用户名或密码不正确。";
    private const string ThrottledPrefix = "登录失败次数过多：请在";

    private ReceptionFactory App => fixture.App;

    [Fact]
    public async Task Login_FiveWrongPasswords_DelaysTheNameFromThatAddress_FifteenSecondsAtFirst()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("slow."), Reception.Web.Authorization.Roles.Clerk);
        for (var i = 0; i < 4; i++) Assert.Equal(WrongPasswordMessage, await App.SignInFromAsync("10.1.0.1", user.UserName!, "Wrong#2026-xx"));
        Assert.Equal(WrongPasswordMessage, await App.SignInFromAsync("10.1.0.1", user.UserName!, "Wrong#2026-xx")); // the fifth counts, then the delay starts

        Assert.StartsWith(ThrottledPrefix, await App.SignInFromAsync("10.1.0.1", user.UserName!, DemoData.Password));

        fixture.Clock.Advance(TimeSpan.FromSeconds(16));
        Assert.Null(await App.SignInFromAsync("10.1.0.1", user.UserName!, DemoData.Password));
    }

    [Fact]
    public async Task Login_ManyWrongPasswords_DelaysGrowButNeverExceedFifteenMinutes()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("grow."), Reception.Web.Authorization.Roles.Clerk);
        var waits = new List<TimeSpan>();
        for (var failure = 1; failure <= 14; failure++)
        {
            Assert.Equal(WrongPasswordMessage, await App.SignInFromAsync("10.1.0.2", user.UserName!, "Wrong#2026-xx"));
            var until = await App.WithDbAsync(db => db.SignInThrottles.Where(t => t.Key.StartsWith("p:" + user.NormalizedUserName + "|")).Select(t => t.BlockedUntilUtc).SingleAsync());
            var wait = until is { } u ? u - fixture.Clock.GetUtcNow().UtcDateTime : TimeSpan.Zero;
            waits.Add(wait);
            fixture.Clock.Advance(wait + TimeSpan.FromSeconds(1)); // wait out each delay, then fail again
        }

        Assert.All(waits.Take(4), w => Assert.Equal(TimeSpan.Zero, w));
        Assert.Equal(TimeSpan.FromSeconds(15), waits[4]);
        Assert.Equal(TimeSpan.FromSeconds(30), waits[5]);
        Assert.True(waits.Zip(waits.Skip(1)).All(p => p.Second >= p.First), "delays never shrink");
        Assert.Equal(TimeSpan.FromMinutes(15), waits.Max());
        Assert.Null(await App.SignInFromAsync("10.1.0.2", user.UserName!, DemoData.Password)); // after the last wait: in
    }

    [Fact]
    public async Task Login_AStrangersFailures_DoNotLockTheOwnerOut()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("owner."), Reception.Web.Authorization.Roles.Clerk);
        for (var i = 0; i < 12; i++) await App.SignInFromAsync("203.0.113.9", user.UserName!, "Guess#2026-" + i);
        Assert.StartsWith(ThrottledPrefix, await App.SignInFromAsync("203.0.113.9", user.UserName!, DemoData.Password)); // the stranger waits

        Assert.Null(await App.SignInFromAsync("10.1.0.3", user.UserName!, DemoData.Password)); // the owner, from their own machine, does not
    }

    [Fact]
    public async Task Login_UnknownNameWrongPasswordDisabledAccount_SameAnswerAfterTheSameHashWork()
    {
        var known = await App.CreateUserAsync(PageTesting.Unique("same."), Reception.Web.Authorization.Roles.Clerk);
        var disabled = await App.CreateUserAsync(PageTesting.Unique("gone."), Reception.Web.Authorization.Roles.Clerk);
        await App.WithDbAsync(async db =>
        {
            var u = await db.Users.SingleAsync(x => x.Id == disabled.Id);
            u.IsActive = false;
            return await db.SaveChangesAsync();
        });
        var answers = new List<string?>();
        var work = new List<int>();
        foreach (var (name, password) in new[] { ("nobody-" + Guid.NewGuid().ToString("N")[..6], DemoData.Password), (known.UserName!, "Wrong#2026-xx"), (disabled.UserName!, DemoData.Password) })
        {
            var before = fixture.Hasher.Verifications;
            answers.Add(await App.SignInFromAsync("10.1.0.4", name, password));
            work.Add(fixture.Hasher.Verifications - before);
        }

        Assert.All(answers, a => Assert.Equal(WrongPasswordMessage, a));
        Assert.All(work, w => Assert.Equal(1, w)); // one password check each: an unknown name costs what a real one does
    }

    [Fact]
    public async Task Login_ADelayedName_AnswersTheSameWhetherOrNotTheAccountExists()
    {
        var known = await App.CreateUserAsync(PageTesting.Unique("exists."), Reception.Web.Authorization.Roles.Clerk);
        var unknown = "ghost-" + Guid.NewGuid().ToString("N")[..6];
        foreach (var name in new[] { known.UserName!, unknown })
            for (var i = 0; i < 5; i++) await App.SignInFromAsync("10.1.0.5", name, "Wrong#2026-xx");

        var before = fixture.Hasher.Verifications;
        var forKnown = await App.SignInFromAsync("10.1.0.5", known.UserName!, DemoData.Password);
        var forUnknown = await App.SignInFromAsync("10.1.0.5", unknown, DemoData.Password);

        Assert.StartsWith(ThrottledPrefix, forKnown);
        Assert.Equal(forKnown, forUnknown);
        Assert.Equal(2, fixture.Hasher.Verifications - before); // the delayed answer does the hash work too
    }

    [Fact]
    public async Task Login_EachAttempt_IsAudited_WithAddressAndOutcome()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("aud."), Reception.Web.Authorization.Roles.Clerk);
        await App.SignInFromAsync("10.1.0.6", user.UserName!, "Wrong#2026-xx");
        await App.SignInFromAsync("10.1.0.6", user.UserName!, DemoData.Password);

        var records = (await App.AuditRecordsAsync()).Where(r => r.Target == "user:" + user.UserName).ToList();

        Assert.Equal([AuditActions.SignInFailed, AuditActions.SignIn], records.Select(r => r.Action));
        Assert.Equal([AuditOutcome.Failure, AuditOutcome.Success], records.Select(r => r.Outcome));
        Assert.All(records, r => Assert.Equal("10.1.0.6", r.Client));
        Assert.All(records, r => Assert.Equal("Clerk", r.Role));
        Assert.All(records, r => Assert.Equal("/demo/", r.Unit));
        Assert.Equal("wrong password", records[0].Detail);
    }

    [Fact]
    public async Task UsersUnlockCommand_LiftsTheDelays_EvenOfTheRootAdministrator()
    {
        for (var i = 0; i < 6; i++) await App.SignInFromAsync("10.1.0.7", "admin", "Wrong#2026-xx");
        Assert.StartsWith(ThrottledPrefix, await App.SignInFromAsync("10.1.0.7", "admin", DemoData.Password));
        var output = new StringWriter();

        var exit = await AuditCommand.RunCommandAsync(["users", "unlock", "admin", "--data-dir", App.DataDirectory], fixture.Clock, output, new StringWriter(), ReceptionFactory.CommandSettings);

        Assert.Equal(0, exit);
        Assert.Contains("admin", output.ToString());
        Assert.Null(await App.SignInFromAsync("10.1.0.7", "admin", DemoData.Password));
        Assert.Contains(await App.AuditRecordsAsync(), r => r.Action == AuditActions.UserUnlock && r.Target == "user:admin" && r.UserName == "command-line");
    }
}
