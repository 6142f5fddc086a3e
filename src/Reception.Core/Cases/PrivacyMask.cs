using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Reception.Core.Cases;

/// <summary>
/// How personal data is shown to people who may see a case but not the petitioner's details
/// (lists, exports, notices). Blank input gives "". Counts are in characters as a reader sees them
/// (text elements), so a Chinese address is never cut inside a character.
/// </summary>
public static partial class PrivacyMask
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

    /// <summary>
    /// The first 6 characters, then "****" (湖北省武汉市江岸区… gives 湖北省武汉市****). House, building, unit and room
    /// numbers are never shown, even within those 6 characters (中山路88号… gives 中山路**号****): see
    /// <see cref="HideHouseNumbers"/>.
    /// </summary>
    public static string Address(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        var s = HideHouseNumbers(value.Trim());
        var info = new StringInfo(s);
        var kept = info.LengthInTextElements <= AddressKeptCharacters ? s : info.SubstringByTextElements(0, AddressKeptCharacters);
        return kept + "****";
    }

    /// <summary>
    /// Replaces every character of a house, building, unit, room or floor number in an address by "*": a run of digits
    /// (ASCII or full-width), Latin letters or Chinese numerals followed by 号/號/栋/棟/幢/楼/樓/单元/室/层/座/户/弄/#
    /// (digits and letters also before 房)
    /// ("12号", "三号楼", "A座", "5#楼"); digit groups joined by hyphens ("3-2-501", "12－3"); and digits that end the
    /// address ("解放大道100"). Road, district and village names are kept ("八一路", "三门峡市", "松林村3组").
    /// </summary>
    public static string HideHouseNumbers(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return HouseNumberPattern().Replace(address, m => new string('*', m.Value.Length));
    }

    /// <summary>
    /// Masks what looks like an ID number or a telephone number inside free text (a case's content, progress notes,
    /// replies), the way the fields are masked: 18-character ID numbers (last may be X) and 15-digit ones as
    /// <see cref="IdentityNumber(string?)"/>; mobile numbers (1[3-9] and nine digits, also "138 0013 8000", "+86"),
    /// landlines with an area code ("010-12345678", "(0571) 87654321", with "-ext") and 7–8 digit numbers right after a
    /// word for telephone (电话/座机/手机/Tel…) as <see cref="Phone(string?)"/>. Numbers inside longer digit runs are not
    /// touched (they are neither). Null gives "".
    /// </summary>
    public static string FreeText(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        return FreeTextPattern().Replace(text, m =>
            m.Groups["id"].Success ? IdentityNumber(m.Value.Replace('－', '-').Replace("-", "", StringComparison.Ordinal))
            : m.Groups["phone"].Success ? Phone(Common.PhoneNumbers.Normalize(m.Value) ?? PhoneDigits(m.Value))
            : m.Value);
    }

    /// <summary>The digits of a matched phone number that <see cref="Common.PhoneNumbers"/> does not read (e.g. one found
    /// after 电话 without an area code), so the head and tail kept are digits.</summary>
    private static string PhoneDigits(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var ch in value)
        {
            if (char.IsAsciiDigit(ch)) sb.Append(ch);
            else if (ch is >= '０' and <= '９') sb.Append((char)(ch - '０' + '0'));
        }
        var d = sb.ToString();
        return d.Length == 13 && d.StartsWith("86", StringComparison.Ordinal) ? d[2..] : d;
    }

    private const string D = "[0-9０-９]";
    private const string Sep = @"[ \-－]?";

    [GeneratedRegex(
        "(?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ])(?<id>" + D + "{6}" + Sep + D + "{8}" + Sep + D + "{3}[0-9０-９XxＸｘ]|" + D + "{15})(?![0-9０-９A-Za-zＡ-Ｚａ-ｚ])"
        + "|(?<!" + D + ")(?<phone>(?:(?:\\+|＋)?86[ \\-]?)?[1１][3-9３-９]" + D + Sep + D + "{4}" + Sep + D + "{4})(?!" + D + ")"
        + "|(?<!" + D + ")(?<phone>(?:[(（]0" + D + "{2,3}[)）] ?|0" + D + "{2,3}" + Sep + ")[1-9１-９]" + D + "{6,7}(?:[-－]" + D + "{1,6})?)(?!" + D + ")"
        + "|(?<=(?:电话|電話|座机|固话|手机|联系方式|Tel|TEL|tel)[:：]?\\s*)(?<phone>[1-9１-９]" + D + "{6,7})(?!" + D + ")")]
    private static partial Regex FreeTextPattern();

    [GeneratedRegex(
        "[0-9０-９A-Za-zＡ-Ｚａ-ｚ]+(?=\\s?(?:号|號|栋|棟|幢|楼|樓|单元|單元|室|层|層|座|户|戶|弄|房|#|＃))"
        + "|[零〇一二三四五六七八九十]+(?=\\s?(?:号|號|栋|棟|幢|楼|樓|单元|單元|室|层|層|座|户|戶|弄|#|＃))"
        + "|[0-9０-９A-Za-z]+(?:[-－—][0-9０-９A-Za-z]+)+"
        + "|[0-9０-９]+$")]
    private static partial Regex HouseNumberPattern();

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
