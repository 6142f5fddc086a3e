using Reception.Core.Cases;

namespace Reception.Core.Tests.Cases;

public class CaseNumberTests
{
    [Theory]
    [InlineData("demo", 2026, 123, "demo-2026-000123")]
    [InlineData("dong-cheng", 2025, 1, "dong-cheng-2025-000001")]
    [InlineData("DEMO", 2026, 999999, "demo-2026-999999")]
    public void Format(string org, int year, int seq, string expected) =>
        Assert.Equal(expected, new CaseNumber(org, year, seq).ToString());

    [Theory]
    [InlineData("demo-2026-000123", "demo", 2026, 123)]
    [InlineData("  DEMO-2026-000123 ", "demo", 2026, 123)]
    [InlineData("dong-cheng-2025-000001", "dong-cheng", 2025, 1)]
    [InlineData("a1-2026-999999", "a1", 2026, 999999)]
    public void Parse(string text, string org, int year, int seq)
    {
        Assert.True(CaseNumber.TryParse(text, out var n, out var e), e?.ToString());
        Assert.Equal(org, n.OrgCode);
        Assert.Equal(year, n.Year);
        Assert.Equal(seq, n.Sequence);
        Assert.Equal(n, CaseNumber.Parse(n.ToString()));
    }

    [Theory]
    [InlineData(null, CaseNumber.RequiredKey)]
    [InlineData(" ", CaseNumber.RequiredKey)]
    [InlineData("demo", CaseNumber.BadFormatKey)]
    [InlineData("demo-2026", CaseNumber.BadFormatKey)]
    [InlineData("-2026-000123", CaseNumber.BadFormatKey)]
    [InlineData("demo-2026-123", CaseNumber.BadFormatKey)]
    [InlineData("demo-2026-0000123", CaseNumber.BadFormatKey)]
    [InlineData("demo-26-000123", CaseNumber.BadFormatKey)]
    [InlineData("demo-２０２６-000123", CaseNumber.BadFormatKey)]
    [InlineData("demo-2026-00012a", CaseNumber.BadFormatKey)]
    [InlineData("de_mo-2026-000123", CaseNumber.BadOrgCodeKey)]
    [InlineData("d-2026-000123", CaseNumber.BadOrgCodeKey)]
    [InlineData("demo-1899-000123", CaseNumber.BadYearKey)]
    [InlineData("demo-2026-000000", CaseNumber.BadSequenceKey)]
    public void Refused(string? text, string key)
    {
        Assert.False(CaseNumber.TryParse(text, out var n, out var e));
        Assert.Null(n);
        Assert.Equal(key, e.Key);
    }

    [Fact]
    public void Parse_BadText_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => CaseNumber.Parse("nope"));

    [Theory]
    [InlineData("x", 2026, 1)]
    [InlineData("demo", 1899, 1)]
    [InlineData("demo", 2026, 0)]
    [InlineData("demo", 2026, 1_000_000)]
    public void TheConstructor_RefusesWhatAnAllocatorMustNeverProduce(string org, int year, int seq) =>
        Assert.ThrowsAny<ArgumentException>(() => new CaseNumber(org, year, seq));

    [Fact]
    public void Values_AreEqualByContent() =>
        Assert.Equal(new CaseNumber("demo", 2026, 5), CaseNumber.Parse("DEMO-2026-000005"));
}
