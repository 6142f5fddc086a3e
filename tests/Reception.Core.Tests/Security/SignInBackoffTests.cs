using Reception.Core.Security;

namespace Reception.Core.Tests.Security;

public sealed class SignInBackoffTests
{
    [Fact]
    public void DelayAfter_FreeFailures_IsZero_ThenDoublesFrom15Seconds_CappedAt15Minutes()
    {
        var delays = Enumerable.Range(1, 40).Select(n => SignInBackoff.DelayAfter(n, 5)).ToList();

        Assert.All(delays.Take(4), d => Assert.Equal(TimeSpan.Zero, d));
        Assert.Equal([15, 30, 60, 120, 240, 480], delays.Skip(4).Take(6).Select(d => d.TotalSeconds));
        Assert.Equal(TimeSpan.FromMinutes(15), delays.Max());
        Assert.Equal(TimeSpan.FromMinutes(15), delays[^1]);
    }
}

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("qwertyuiop123", true)]
    [InlineData("Password2026!", true)]
    [InlineData("woaini1314520", true)]
    [InlineData("aaaaaaaaaaaa", true)]
    [InlineData("abcabcabcabc", true)]
    [InlineData("Demo#2026demo", false)]
    [InlineData("river tea lamp", false)]
    public void IsCommon_RefusesListedPasswordsAndTheirVariants(string password, bool common) =>
        Assert.Equal(common, PasswordPolicy.IsCommon(password));

    [Theory]
    [InlineData("Clerk2026-abc", "clerk", true)]
    [InlineData("zhang.wei-2026", "Zhang.Wei", true)]
    [InlineData("Demo#2026demo", "clerk", false)]
    [InlineData("ab#2026-xyzw", "ab", false)] // names shorter than 3 letters are not checked
    public void ContainsUserName_IgnoresCase(string password, string userName, bool contains) =>
        Assert.Equal(contains, PasswordPolicy.ContainsUserName(password, userName));
}
