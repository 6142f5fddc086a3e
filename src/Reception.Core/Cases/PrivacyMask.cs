using System.Globalization;
using System.Text;

namespace Reception.Core.Cases;

/// <summary>
/// How personal data is shown to people who may see a case but not the petitioner's details
/// (lists, exports, notices). Blank input gives "". Counts are in characters as a reader sees them
/// (text elements), so a Chinese address is never cut inside a character.
/// </summary>
public static class PrivacyMask
{
    public const int AddressKeptCharacters = 6;

    /// <summary>
    /// First 4 + asterisks + last 4 (18 characters give 4201**********1234); input is normalised like an ID
    /// number first. Anything of 8 characters or fewer becomes all asterisks.
    /// </summary>
    public static string IdentityNumber(string? value) => KeepEnds(Cases.IdentityNumber.Normalize(value), 4, 4);

    /// <summary>
    /// First 3 + asterisks + last 4 (13812345678 gives 138****5678; 0371-12345678 gives 037******5678), after
    /// removing spaces and full-width characters. 7 characters or fewer become all asterisks.
    /// </summary>
    public static string Phone(string? value) => KeepEnds(Cases.IdentityNumber.Normalize(value), 3, 4);

    /// <summary>The first 6 characters, then "****" (湖北省武汉市江岸区… gives 湖北省武汉市****).</summary>
    public static string Address(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        var s = value.Trim();
        var info = new StringInfo(s);
        var kept = info.LengthInTextElements <= AddressKeptCharacters ? s : info.SubstringByTextElements(0, AddressKeptCharacters);
        return kept + "****";
    }

    private static string KeepEnds(string? s, int head, int tail)
    {
        if (string.IsNullOrEmpty(s)) return "";
        var info = new StringInfo(s);
        int n = info.LengthInTextElements;
        if (n <= head + tail) return new string('*', n);
        var sb = new StringBuilder();
        sb.Append(info.SubstringByTextElements(0, head));
        sb.Append('*', n - head - tail);
        sb.Append(info.SubstringByTextElements(n - tail, tail));
        return sb.ToString();
    }
}
