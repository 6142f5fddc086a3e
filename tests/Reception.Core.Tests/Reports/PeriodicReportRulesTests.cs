using System.Globalization;
using Reception.Core.Reports;
using Reception.Core.Rotas;

namespace Reception.Core.Tests.Reports;

/// <summary>The 通报's periods and drafting days, its document number, its rankings (issue 19 item 2), and the one-way publishing.</summary>
public sealed class PeriodicReportRulesTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(PeriodKind.HalfYear, 2026, 1, "2026-01-01", "2026-06-30", "2026-H1")]
    [InlineData(PeriodKind.HalfYear, 2026, 2, "2026-07-01", "2026-12-31", "2026-H2")]
    public void HalfYears_CoverSixMonths_AndRoundTrip(PeriodKind kind, int year, int number, string from, string to, string text)
    {
        Assert.True(ReportPeriod.TryCreate(kind, year, number, out var p));
        Assert.Equal((D(from), D(to), text), (p.From, p.To, p.ToString()));
        Assert.True(ReportPeriod.TryParse(text, out var parsed));
        Assert.Equal(p, parsed);
        Assert.False(ReportPeriod.TryCreate(PeriodKind.HalfYear, 2026, 3, out _));
        Assert.Equal(ReportPeriod.Half(2026, 2), ReportPeriod.Containing(PeriodKind.HalfYear, D("2026-07-01")));
    }

    [Fact]
    public void LastEnded_IsThePeriodBeforeTheOneTodayIsIn()
    {
        var today = D("2026-12-03");
        Assert.Equal(ReportPeriod.Month(2026, 11), PeriodicSchedule.LastEnded(PeriodKind.Month, today));
        Assert.Equal(ReportPeriod.Quarter(2026, 3), PeriodicSchedule.LastEnded(PeriodKind.Quarter, today));
        Assert.Equal(ReportPeriod.Half(2026, 1), PeriodicSchedule.LastEnded(PeriodKind.HalfYear, today));
        Assert.Equal(ReportPeriod.OfYear(2025), PeriodicSchedule.LastEnded(PeriodKind.Year, today));
        Assert.Equal(ReportPeriod.Month(2025, 12), PeriodicSchedule.LastEnded(PeriodKind.Month, D("2026-01-01")));
    }

    [Fact]
    public void Due_OnThe1st_IsLastMonth_AndTheQuarterHalfAndYearWhenTheyEnd()
    {
        Assert.Equal([ReportPeriod.Month(2026, 11)], PeriodicSchedule.Due(D("2026-12-01")));
        Assert.Equal([ReportPeriod.Month(2026, 3), ReportPeriod.Quarter(2026, 1)], PeriodicSchedule.Due(D("2026-04-01")));
        Assert.Equal([ReportPeriod.Month(2026, 6), ReportPeriod.Quarter(2026, 2), ReportPeriod.Half(2026, 1)], PeriodicSchedule.Due(D("2026-07-01")));
        Assert.Equal([ReportPeriod.Month(2026, 12), ReportPeriod.Quarter(2026, 4), ReportPeriod.Half(2026, 2), ReportPeriod.OfYear(2026)],
            PeriodicSchedule.Due(D("2027-01-01")));
        Assert.Equal(D("2027-01-01"), PeriodicSchedule.DraftOn(ReportPeriod.OfYear(2026)));
    }

    [Fact]
    public void Due_CatchesUpFor27Days_ThenLetsAPeriodGo()
    {
        // Down on the 1st: the 5th still drafts November, and the 28th; the 29th no longer.
        Assert.Equal([ReportPeriod.Month(2026, 11)], PeriodicSchedule.Due(D("2026-12-05")));
        Assert.Equal([ReportPeriod.Month(2026, 11)], PeriodicSchedule.Due(D("2026-12-28")));
        Assert.Empty(PeriodicSchedule.Due(D("2026-12-29")));
        // 1 March after a 28-day February: February only, never January again.
        Assert.Equal([ReportPeriod.Month(2027, 2)], PeriodicSchedule.Due(D("2027-03-01")));
        // The quarter ended 30 September is no longer drafted on 3 December.
        Assert.DoesNotContain(PeriodicSchedule.Due(D("2026-12-03")), p => p.Kind != PeriodKind.Month);
    }

    [Theory]
    [InlineData("演示信督", "演示信通")]
    [InlineData("青山信督", "青山信通")]
    [InlineData("东城信访", "东城信访通")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十", "一二三四五六七八九十一二三四五六七八九通")]
    public void Prefix_TurnsTheNoticePrefixIntoTheBulletinPrefix(string notice, string report) => Assert.Equal(report, ReportNumber.Prefix(notice));

    [Fact]
    public void Number_ReadsPrefixYearAndSequence() => Assert.Equal("演示信通〔2026〕3号", ReportNumber.Format("演示信通", 2026, 3));

    [Fact]
    public void ByRate_EqualRatesShareARank_TheNextSkips_NothingToMeasureComesLastUnranked()
    {
        var rows = Ranking.ByRate(
        [
            new RankInput("a", "甲", 1, 2),
            new RankInput("b", "乙", 3, 4),
            new RankInput("c", "丙", 2, 4),   // 50 %, like 甲: same rank, more cases first
            new RankInput("d", "丁", 0, 0),   // nothing to measure
            new RankInput("e", "戊", 1, 3),
        ]);
        Assert.Equal(["b", "c", "a", "e", "d"], rows.Select(r => r.Key));
        Assert.Equal([1, 2, 2, 4, (int?)null], rows.Select(r => r.Rank));
        Assert.Null(rows[^1].Rate);
        Assert.Equal(0.75, rows[0].Rate);
    }

    [Fact]
    public void ByRate_ComparesExactly_NotAsRoundedDecimals()
    {
        // 1/3 and 333/1000 round to the same 33.3 % but are not equal.
        var rows = Ranking.ByRate([new RankInput("x", "x", 333, 1000), new RankInput("y", "y", 1, 3)]);
        Assert.Equal([("y", 1), ("x", 2)], rows.Select(r => (r.Key, r.Rank!.Value)));
    }

    [Fact]
    public void ByRate_RefusesImpossibleCounts() =>
        Assert.Throws<ArgumentException>(() => Ranking.ByRate([new RankInput("x", "x", 3, 2)]));

    [Fact]
    public void ByCount_TiesShareARank()
    {
        var rows = Ranking.ByCount([("a", "甲", 5), ("b", "乙", 7), ("c", "丙", 5), ("d", "丁", 0)]);
        Assert.Equal(["b", "c", "a", "d"], rows.Select(r => r.Key));
        Assert.Equal([1, 2, 2, 4], rows.Select(r => r.Rank!.Value));
    }

    [Fact]
    public void Publish_NeedsACommentary_AndHappensOnce()
    {
        var report = PeriodicReport.Draft(7, ReportPeriod.Month(2026, 11), new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
        var now = new DateTime(2026, 12, 3, 1, 0, 0, DateTimeKind.Utc);
        Assert.Throws<ArgumentException>(() => report.Publish("   ", "演示信通", 2026, 1, "{}", "u", D("2026-12-03"), now));
        Assert.Throws<ArgumentException>(() => report.Publish(new string('字', PeriodicReport.CommentaryMaxLength + 1), "演示信通", 2026, 1, "{}", "u", D("2026-12-03"), now));
        Assert.False(report.IsPublished);

        report.Publish("  本月信访总量平稳。 ", "演示信通", 2026, 4, "{}", "u", D("2026-12-03"), now);
        Assert.True(report.IsPublished);
        Assert.Equal(("本月信访总量平稳。", "演示信通〔2026〕4号", D("2026-12-03")), (report.Commentary, report.DocumentNumber, report.PublishedOn));
        Assert.Throws<InvalidOperationException>(() => report.Publish("再来一次", "演示信通", 2026, 5, "{}", "u", D("2026-12-03"), now));
        Assert.Equal(ReportPeriod.Month(2026, 11), report.Period);
    }
}
