using Reception.Core.Calendar;

namespace Reception.Core.Tests.Calendar;

public class SolarTermsTests
{
    [Fact]
    public async Task QingmingDate_AgreesWithLunarJavascript_InEveryYearOfTheVerifiedRange()
    {
        var peer = await LunarJavascript.QingmingAsync(SolarTerms.VerifiedFrom, SolarTerms.VerifiedThrough);

        var differences = Enumerable.Range(SolarTerms.VerifiedFrom, SolarTerms.VerifiedThrough - SolarTerms.VerifiedFrom + 1)
            .Where(y => SolarTerms.QingmingDate(y) != DateOnly.FromDateTime(peer[y]))
            .Select(y => $"{y}: {SolarTerms.QingmingDate(y):yyyy-MM-dd} vs lunar-javascript {peer[y]:yyyy-MM-dd HH:mm:ss}")
            .ToList();

        Assert.Empty(differences);
        Assert.Equal(1101, peer.Count);
    }

    [Fact]
    public async Task MomentUtc_WithinAMinuteOfLunarJavascript_From1900To2100()
    {
        // The two ephemerides and ΔT models differ by seconds near the present: the instant, not only the date, agrees.
        var peer = await LunarJavascript.QingmingAsync(1900, 2100);

        foreach (var (year, china) in peer)
        {
            var ours = SolarTerms.MomentUtc(year, SolarTerms.QingmingLongitude).AddHours(8);
            Assert.True(Math.Abs((ours - china).TotalSeconds) < 60, $"{year}: {ours:O} vs {china:O}");
        }
    }

    [Fact]
    public void ApparentLongitude_MatchesMeeusExample25b()
    {
        // Meeus, Astronomical Algorithms, example 25.b: 1992 October 13.0 TD, λ = 199°54′21.818″ (with the full VSOP87).
        var longitude = SolarTerms.ApparentLongitude(2448908.5);

        Assert.Equal(199 + (54 / 60.0) + (21.818 / 3600), longitude, 0.0001);
    }

    [Theory]
    [InlineData(2024, "2024-04-04")]
    [InlineData(2025, "2025-04-04")]
    [InlineData(2026, "2026-04-05")] // at 02:40 Beijing time: the 4th in UTC, the 5th in China
    [InlineData(2027, "2027-04-05")]
    public void QingmingDate_IsDatedInChinaStandardTime(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SolarTerms.QingmingDate(year));

    [Fact]
    public void DateInChina_OtherTerms_FallInTheirMonths()
    {
        Assert.Equal(3, SolarTerms.DateInChina(2026, 0).Month);     // 春分 about 20 March
        Assert.Equal(6, SolarTerms.DateInChina(2026, 90).Month);    // 夏至 about 21 June
        Assert.Equal(12, SolarTerms.DateInChina(2026, 270).Month);  // 冬至 about 22 December
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(360.0)]
    [InlineData(double.NaN)]
    public void MomentUtc_RefusesALongitudeOutsideACircle(double longitude) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SolarTerms.MomentUtc(2026, longitude));
}
