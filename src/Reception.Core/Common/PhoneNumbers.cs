using System.Text;
using System.Text.RegularExpressions;

namespace Reception.Core.Common;

/// <summary>
/// Mainland China telephone numbers as a petition office writes them: a mobile number (11 digits, <c>1[3-9]</c> then nine
/// more; a leading +86 or 86 is allowed) or a landline with its area code (0 then 2–3 digits, then a 7–8 digit number,
/// optionally "-" and an extension of up to 6 digits). Spaces, hyphens and brackets between digit groups are allowed
/// ("010-12345678", "(0571) 8765 4321", "138 0013 8000").
/// </summary>
public static partial class PhoneNumbers
{
    /// <summary>Message key (English text) of an unreadable number.</summary>
    public const string Invalid = "Enter a mainland mobile number (11 digits starting 13–19) or a landline with its area code, e.g. 010-12345678.";

    /// <summary>True for a mobile or landline number as above; false for anything else (an empty value is not a number).</summary>
    public static bool IsValid(string? text) => Normalize(text) is not null;

    /// <summary>The number in one form: "13800138000" for a mobile, "010-12345678" (with "-ext") for a landline; null if unreadable.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if (Parse(t, "") is { } whole) return whole;
        var ext = ExtensionPattern().Match(t);
        return ext.Success ? Parse(t[..ext.Index], ext.Groups[1].Value) : null;
    }

    private static string? Parse(string t, string extension)
    {
        if (!AllowedPattern().IsMatch(t)) return null;
        var digits = new StringBuilder();
        foreach (var c in t) if (char.IsAsciiDigit(c)) digits.Append(c);
        var d = digits.ToString();
        if (t.StartsWith('+'))
        {
            if (!d.StartsWith("86", StringComparison.Ordinal) || extension.Length > 0) return null;
            d = d[2..];
            return MobilePattern().IsMatch(d) ? d : null;
        }
        if (d.Length == 13 && d.StartsWith("86", StringComparison.Ordinal)) d = d[2..];
        if (extension.Length == 0 && MobilePattern().IsMatch(d)) return d;
        if (!LandlinePattern().IsMatch(d)) return null;
        // Beijing, Shanghai, Tianjin, Chongqing and the 02x cities have three-digit codes (010, 020–029); the rest four.
        var codeLength = d[1] is '1' or '2' ? 3 : 4;
        var number = d[codeLength..];
        if (number.Length is < 7 or > 8 || number[0] == '0') return null;
        return d[..codeLength] + "-" + number + (extension.Length > 0 ? "-" + extension : "");
    }

    [GeneratedRegex(@"^\+?[\d\s\-()（）]+$")]
    private static partial Regex AllowedPattern();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MobilePattern();

    [GeneratedRegex(@"^0\d{9,11}$")]
    private static partial Regex LandlinePattern();

    [GeneratedRegex(@"\s*(?:-|转|ext\.?|x)\s*(\d{1,6})$", RegexOptions.IgnoreCase)]
    private static partial Regex ExtensionPattern();
}
