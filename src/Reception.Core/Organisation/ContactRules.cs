using System.Text;
using System.Text.RegularExpressions;
using Reception.Core.Common;

namespace Reception.Core.Organisation;

/// <summary>
/// The rules for a leader's (or anyone's) email address and phone number, shared by the CSV import
/// and the web forms. Normalise first (trims; full-width characters such as "１３８" or "＠" typed with a
/// Chinese input method become ASCII; spaces inside a phone number are removed), then validate.
/// </summary>
public static partial class ContactRules
{
    public const string InvalidEmailKey = "\"{0}\" is not a valid email address.";
    public const string InvalidPhoneKey = "\"{0}\" is not a valid phone number; use a mobile number such as 13812345678 or a landline such as 0371-12345678.";

    /// <summary>The normalised address, or null when blank.</summary>
    public static string? NormalizeEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Normalize(NormalizationForm.FormKC).Trim();

    /// <summary>The normalised number, or null when blank.</summary>
    public static string? NormalizePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var s = phone.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(s.Length);
        foreach (char c in s)
            if (!char.IsWhiteSpace(c)) sb.Append(c);
        return sb.ToString();
    }

    /// <summary>
    /// Whether an already normalised address is plausible: a bare address (no display name, no comment, no quoting)
    /// whose local part and dotted domain are RFC 5322 dot-atoms (letters, digits, <c>!#$%&amp;'*+-/=?^_`{|}~</c> and
    /// non-ASCII characters; single dots between), at most <see cref="Leader.EmailMaxLength"/> characters.
    /// </summary>
    public static bool IsValidEmail(string email) =>
        email.Length > 0 && email.Length <= Leader.EmailMaxLength && EmailPattern().IsMatch(email);

    /// <summary>
    /// Whether an already normalised number is a mainland mobile (1[3-9] and 9 more digits) or a landline:
    /// 7–8 digits, optionally after an area code (0 and 2–3 digits, optionally followed by "-"),
    /// optionally followed by "-" and an extension of up to 6 digits, e.g. 0371-12345678.
    /// </summary>
    public static bool IsValidPhone(string phone) =>
        phone.Length > 0 && phone.Length <= Leader.PhoneMaxLength && (MobilePattern().IsMatch(phone) || LandlinePattern().IsMatch(phone));

    /// <summary>Null when <paramref name="email"/> is blank or valid; otherwise the message to show.</summary>
    public static LocalizableMessage? ValidateEmail(string? email)
    {
        var normalized = NormalizeEmail(email);
        return normalized is null || IsValidEmail(normalized) ? null : new LocalizableMessage(InvalidEmailKey, Shorten(email!.Trim()));
    }

    /// <summary>Null when <paramref name="phone"/> is blank or valid; otherwise the message to show.</summary>
    public static LocalizableMessage? ValidatePhone(string? phone)
    {
        var normalized = NormalizePhone(phone);
        return normalized is null || IsValidPhone(normalized) ? null : new LocalizableMessage(InvalidPhoneKey, Shorten(phone!.Trim()));
    }

    /// <summary>Keeps messages readable when someone pastes a paragraph into a field.</summary>
    internal static string Shorten(string value) => value.Length <= 60 ? value : string.Concat(value.AsSpan(0, 59), "…");

    // RFC 5322 atext, and the non-ASCII characters RFC 6531 adds (but no space, control or invisible formatting character).
    private const string Atom = @"(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]|(?![\s\p{Cc}\p{Cf}])[^\x00-\x7F])+";

    [GeneratedRegex("^" + Atom + @"(?:\." + Atom + ")*@" + Atom + @"(?:\." + Atom + ")+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex MobilePattern();

    [GeneratedRegex("^(0[0-9]{2,3}-?)?[1-9][0-9]{6,7}(-[0-9]{1,6})?$")]
    private static partial Regex LandlinePattern();
}
