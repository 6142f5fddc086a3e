using Reception.Core.Cases.Import;

namespace Reception.Core.Tests.Cases.Import;

public class LedgerDatesTests
{
    [Theory]
    [InlineData("2026-03-05")]
    [InlineData("2026/3/5")]
    [InlineData("2026.3.5")]
    [InlineData("2026年3月5日")]
    [InlineData("2026 年 3 月 5 日")]
    [InlineData("２０２６年３月５日")] // full-width digits
    [InlineData("20260305")]
    [InlineData("2026-03-05 00:00:00")]
    [InlineData("2026/3/5 14:30")]
    [InlineData("46086")] // Excel's serial day number
    [InlineData("46086.5")]
    public void TryParse_ReadsWhatOldLedgersWrite(string text)
    {
        Assert.True(LedgerDates.TryParse(text, out var date), text);
        Assert.Equal(new DateOnly(2026, 3, 5), date);
    }

    [Theory]
    [InlineData("")]
    [InlineData("三月五日")]
    [InlineData("26/3/5")]      // two-digit year
    [InlineData("5/3/2026")]    // day first or month first: cannot tell
    [InlineData("2026-02-30")]
    [InlineData("2026-13-01")]
    [InlineData("0")]
    [InlineData("123456")]      // beyond the serial range
    [InlineData("20261341")]
    public void TryParse_RefusesWhatItCannotReadWithoutGuessing(string text) =>
        Assert.False(LedgerDates.TryParse(text, out _), text);

    [Fact]
    public void Serial_CountsAsExcelDoes()
    {
        Assert.True(LedgerDates.TryParse("45658", out var newYear));
        Assert.Equal(new DateOnly(2025, 1, 1), newYear);
    }
}
