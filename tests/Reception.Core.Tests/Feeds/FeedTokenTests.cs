using Reception.Core.Feeds;

namespace Reception.Core.Tests.Feeds;

public class FeedTokenTests
{
    private static readonly DateTime Now = new(2026, 11, 20, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Create_ReturnsTheTextOnce_AndStoresOnlyItsHash()
    {
        var (token, text) = FeedToken.Create("u1", FeedKind.Personal, Now);
        Assert.Equal(FeedToken.TokenLength, text.Length);
        Assert.Equal(FeedToken.HashLength, token.TokenHash.Length);
        Assert.NotEqual(text, token.TokenHash);
        Assert.Equal(token.TokenHash, FeedToken.TryHash(text));
        Assert.True(token.IsActive);
        Assert.Equal((FeedKind.Personal, "u1", Now), (token.Kind, token.UserId, token.CreatedAtUtc));
    }

    [Fact]
    public void Create_TwoTokens_DifferentSecrets()
    {
        var (a, ta) = FeedToken.Create("u1", FeedKind.Office, Now);
        var (b, tb) = FeedToken.Create("u1", FeedKind.Office, Now);
        Assert.NotEqual(ta, tb);
        Assert.NotEqual(a.TokenHash, b.TokenHash);
    }

    [Fact]
    public void Create_UnknownKind_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FeedToken.Create("u1", (FeedKind)9, Now));

    [Fact]
    public void Rotate_ReplacesTheSecret_AndForgetsTheLastUse()
    {
        var (token, old) = FeedToken.Create("u1", FeedKind.Personal, Now);
        var text = token.Rotate(Now.AddDays(1));
        Assert.NotEqual(old, text);
        Assert.Equal(FeedToken.TryHash(text), token.TokenHash);
        Assert.NotEqual(FeedToken.TryHash(old), token.TokenHash);
        Assert.Equal(Now.AddDays(1), token.RotatedAtUtc);
        Assert.Null(token.LastUsedAtUtc);
    }

    [Fact]
    public void Revoke_IsFinal_AndKeepsTheFirstTime()
    {
        var (token, _) = FeedToken.Create("u1", FeedKind.Personal, Now);
        token.Revoke(Now.AddDays(1));
        token.Revoke(Now.AddDays(2));
        Assert.False(token.IsActive);
        Assert.Equal(Now.AddDays(1), token.RevokedAtUtc);
        Assert.Throws<InvalidOperationException>(() => token.Rotate(Now.AddDays(3)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("0123456789012345678901234567890123456789+/=")] // 43 characters, not base64url
    public void TryHash_NotAToken_IsNull(string? text) => Assert.Null(FeedToken.TryHash(text));

    [Fact]
    public void ShouldRecordUse_AtMostHourly()
    {
        Assert.True(FeedToken.ShouldRecordUse(null, Now));
        Assert.False(FeedToken.ShouldRecordUse(Now.AddMinutes(-59), Now));
        Assert.True(FeedToken.ShouldRecordUse(Now - FeedToken.LastUsedResolution, Now));
    }
}
