using Reception.Core.Cases;

namespace Reception.Core.Reports;

/// <summary>
/// The document number (文号) of a published 通报: the office's 通报 prefix, the year in 〔〕 and the office's own sequence of
/// 通报 of that year, e.g. <c>演示信通〔2026〕3号</c>. The sequence comes from the same per-office, per-year counter as the
/// 督办通知书's (a series of its own: <see cref="Series"/>), allocated by the database when the report is published.
/// </summary>
public static class ReportNumber
{
    /// <summary>The counter series of the 通报 (the 督办通知书's is <see cref="NoticeNumber.Series"/>).</summary>
    public const string Series = "report";

    /// <summary>
    /// The 通报 prefix of an office from its 督办 prefix: the closing 督 becomes 通 (演示信督 → 演示信通); a prefix without it gets
    /// 通 appended (青山信访 → 青山信访通), at most <see cref="NoticeNumber.PrefixMaxLength"/> characters.
    /// </summary>
    public static string Prefix(string noticePrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(noticePrefix);
        var p = noticePrefix.Trim();
        var prefix = p.EndsWith('督') ? p[..^1] + "通" : p + "通";
        return prefix.Length <= NoticeNumber.PrefixMaxLength ? prefix : prefix[..(NoticeNumber.PrefixMaxLength - 1)] + "通";
    }

    public static string Format(string prefix, int year, int sequence) => NoticeNumber.Format(prefix, year, sequence);
}
