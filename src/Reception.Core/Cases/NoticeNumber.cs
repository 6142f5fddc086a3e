using System.Globalization;

namespace Reception.Core.Cases;

/// <summary>
/// The document number (文号) of a 督办通知书: the issuing office's prefix, the year in 〔〕 and the office's own sequence
/// of that year, e.g. <c>演示信督〔2026〕12号</c>. The sequence is allocated by the database (one counter per office and
/// year, never reused).
/// </summary>
public static class NoticeNumber
{
    public const int PrefixMaxLength = 20;

    /// <summary>The counter series of the 督办通知书 (the office's per-year sequence; the 通报 have their own, Reports.ReportNumber).</summary>
    public const string Series = "notice";
    public const int MaxLength = 50;

    /// <summary>The suffix of a default prefix: 信督 (信访督办).</summary>
    public const string DefaultSuffix = "信督";

    public static string Format(string prefix, int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}〔{year}〕{sequence}号");

    /// <summary>
    /// The prefix an office uses when none is configured: its name without the administrative suffix, then 信督
    /// (演示市 → 演示信督, 青山镇 → 青山信督, 东城街道 → 东城信督).
    /// </summary>
    public static string DefaultPrefix(string officeName)
    {
        var name = officeName.Trim();
        foreach (var suffix in new[] { "街道", "市", "县", "区", "镇", "乡", "局" })
        {
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                name = name[..^suffix.Length];
                break;
            }
        }
        var prefix = name + DefaultSuffix;
        return prefix.Length <= PrefixMaxLength ? prefix : prefix[..PrefixMaxLength];
    }

    /// <summary>Whether <paramref name="prefix"/> is a usable prefix: 1–20 characters, without brackets.</summary>
    public static bool IsValidPrefix(string? prefix) =>
        !string.IsNullOrWhiteSpace(prefix) && prefix.Trim().Length <= PrefixMaxLength
        && prefix.IndexOfAny(['〔', '〕', '[', ']', '$']) < 0;
}
