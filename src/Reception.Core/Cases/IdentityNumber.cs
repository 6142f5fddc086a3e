using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Reception.Core.Common;

namespace Reception.Core.Cases;

public enum Gender
{
    Male = 1,
    Female = 2,
}

/// <summary>
/// An 18-character resident ID number (居民身份证号码, GB 11643-1999): a 6-digit region code, the birth
/// date (yyyyMMdd), a 3-digit sequence (odd for men, even for women) and a check character (ISO 7064
/// MOD 11-2: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, check = "10X98765432"[sum % 11]).
/// <para>
/// Input is normalised first: surrounding and inner white space removed, full-width characters typed with
/// a Chinese input method ("４２０１…Ｘ") turned into ASCII, and a lower-case x made upper-case.
/// </para>
/// <para>
/// Province codes (first two digits, GB/T 2260): 11–15 North, 21–23 North-east, 31–37 East, 41–46
/// Central-south, 50–54 South-west, 61–65 North-west, 71 Taiwan; 81 Hong Kong, 82 Macao and 83 Taiwan are
/// the codes of the 港澳台居民居住证 (residence permits, 2018), whose numbers follow the same format.
/// The 2023 foreigners' permanent residence card (starting with 9) is not a resident ID number and is refused.
/// The old 15-digit numbers (before 1999) are refused too: they have no check digit.
/// </para>
/// <see cref="ToString"/> returns the masked form, so a number never leaks into logs by accident; use <see cref="Value"/>.
/// </summary>
public sealed class IdentityNumber : IEquatable<IdentityNumber>
{
    public const int Length = 18;

    public const string RequiredKey = "The ID number is required.";
    public const string WrongLengthKey = "The ID number must have 18 characters.";
    public const string NotDigitsKey = "The first 17 characters of the ID number must be digits.";
    public const string BadLastCharacterKey = "The last character of the ID number must be a digit or X.";
    public const string BadRegionKey = "The ID number starts with {0}, which is not a province code.";
    public const string BadBirthDateKey = "The birth date in the ID number ({0}) is not a valid date.";
    public const string BirthDateInFutureKey = "The birth date in the ID number ({0}) is in the future.";
    public const string BirthDateTooEarlyKey = "The birth date in the ID number ({0}) is before 1900.";
    public const string BadCheckDigitKey = "The last character of the ID number does not match (check digit should be {0}).";

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    /// <summary>The province codes accepted as the first two digits.</summary>
    public static readonly IReadOnlySet<int> ProvinceCodes = new HashSet<int>(
        Enumerable.Range(11, 5).Concat(Enumerable.Range(21, 3)).Concat(Enumerable.Range(31, 7))
            .Concat(Enumerable.Range(41, 6)).Concat(Enumerable.Range(50, 5)).Concat(Enumerable.Range(61, 5))
            .Concat([71, 81, 82, 83]));

    private IdentityNumber(string value, DateOnly birthDate)
    {
        Value = value;
        BirthDate = birthDate;
    }

    /// <summary>The normalised 18 characters (digits and possibly an upper-case X at the end).</summary>
    public string Value { get; }

    public DateOnly BirthDate { get; }

    /// <summary>From the 17th digit: odd = male, even = female.</summary>
    public Gender Gender => (Value[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;

    /// <summary>The first six digits (province, city, county of first registration).</summary>
    public string RegionCode => Value[..6];

    /// <summary>First 4 + 10 asterisks + last 4, e.g. 4201**********1234.</summary>
    public string Mask() => PrivacyMask.IdentityNumber(Value);

    public override string ToString() => Mask();

    public bool Equals(IdentityNumber? other) => other is not null && other.Value == Value;
    public override bool Equals(object? obj) => Equals(obj as IdentityNumber);
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    /// <summary>Full-width to ASCII, white space removed, x upper-cased. Null stays null; does not validate.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Normalize(string? text)
    {
        if (text is null) return null;
        var s = text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(s.Length);
        foreach (char c in s)
        {
            if (char.IsWhiteSpace(c)) continue;
            sb.Append(c == 'x' ? 'X' : c);
        }

        return sb.ToString();
    }

    /// <summary>The check character for the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("Seventeen digits are needed.", nameof(first17));
        int sum = 0;
        for (int i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(first17[i])) throw new ArgumentException("Only digits are allowed.", nameof(first17));
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckChars[sum % 11];
    }

    /// <summary>
    /// Normalises and validates <paramref name="text"/>; <paramref name="today"/> (the local date where the
    /// clerk works) bounds the birth date. Errors are reported in this order: blank, length, characters,
    /// region, birth date, check digit — so the clerk sees the first thing to fix.
    /// </summary>
    public static bool TryParse(
        string? text,
        DateOnly today,
        [NotNullWhen(true)] out IdentityNumber? number,
        [NotNullWhen(false)] out LocalizableMessage? error)
    {
        number = null;
        error = Check(Normalize(text), today, out var birthDate);
        if (error is not null) return false;
        number = new IdentityNumber(Normalize(text)!, birthDate);
        return true;
    }

    /// <summary>Null when valid; otherwise the message to show.</summary>
    public static LocalizableMessage? Validate(string? text, DateOnly today) => Check(Normalize(text), today, out _);

    public static bool IsValid(string? text, DateOnly today) => Validate(text, today) is null;

    private static LocalizableMessage? Check(string? s, DateOnly today, out DateOnly birthDate)
    {
        birthDate = default;
        if (string.IsNullOrEmpty(s)) return new LocalizableMessage(RequiredKey);
        if (s.Length != Length) return new LocalizableMessage(WrongLengthKey);
        for (int i = 0; i < 17; i++)
            if (!char.IsAsciiDigit(s[i])) return new LocalizableMessage(NotDigitsKey);
        if (!char.IsAsciiDigit(s[17]) && s[17] != 'X') return new LocalizableMessage(BadLastCharacterKey);

        var province = s[..2];
        if (!ProvinceCodes.Contains(int.Parse(province, CultureInfo.InvariantCulture)))
            return new LocalizableMessage(BadRegionKey, province);

        var dateText = s.Substring(6, 8);
        if (!DateOnly.TryParseExact(dateText, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out birthDate))
            return new LocalizableMessage(BadBirthDateKey, dateText);
        var shown = DateText.Of(birthDate);
        if (birthDate.Year < 1900) return new LocalizableMessage(BirthDateTooEarlyKey, shown);
        if (birthDate > today) return new LocalizableMessage(BirthDateInFutureKey, shown);

        var expected = CheckCharacter(s.AsSpan(0, 17));
        if (s[17] != expected) return new LocalizableMessage(BadCheckDigitKey, expected.ToString());
        return null;
    }
}
