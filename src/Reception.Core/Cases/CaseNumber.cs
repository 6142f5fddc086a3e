using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Reception.Core.Common;
using Reception.Core.Organisation;

namespace Reception.Core.Cases;

/// <summary>
/// A case number, <c>{org code}-{year}-{sequence}</c> with the sequence zero-padded to 6 digits, e.g.
/// <c>demo-2026-000123</c>. The org code is the registering unit's immutable <see cref="OrgUnit.Code"/>
/// (which may itself contain hyphens, so the text is read from the right). Sequences run from 1 to
/// 999999 per unit and year; the allocator (in the database) hands each out once, so a number is never
/// reused. The canonical text is lower-case; parsing accepts upper-case and surrounding spaces.
/// </summary>
public sealed record CaseNumber
{
    public const int MinYear = 1900;
    public const int MaxYear = 9999;
    public const int MaxSequence = 999_999;

    /// <summary>Longest possible text: 20 (code) + 1 + 4 + 1 + 6.</summary>
    public const int MaxLength = OrgUnit.CodeMaxLength + 12;

    public const string RequiredKey = "The case number is required.";
    public const string BadFormatKey = "\"{0}\" is not a case number; it should look like demo-2026-000123.";
    public const string BadOrgCodeKey = "\"{0}\" is not a valid unit code in a case number.";
    public const string BadYearKey = "The year in a case number must be between 1900 and 9999 (it is {0}).";
    public const string BadSequenceKey = "The sequence in a case number must be between 000001 and 999999.";

    /// <exception cref="ArgumentException">For values the allocator should never produce.</exception>
    public CaseNumber(string orgCode, int year, int sequence)
    {
        var code = OrgUnit.NormalizeCode(orgCode);
        if (!OrgUnit.IsValidCode(code)) throw new ArgumentException($"Invalid org unit code '{orgCode}'.", nameof(orgCode));
        if (year is < MinYear or > MaxYear) throw new ArgumentOutOfRangeException(nameof(year));
        if (sequence is < 1 or > MaxSequence) throw new ArgumentOutOfRangeException(nameof(sequence));
        OrgCode = code;
        Year = year;
        Sequence = sequence;
    }

    public string OrgCode { get; }
    public int Year { get; }
    public int Sequence { get; }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{OrgCode}-{Year:D4}-{Sequence:D6}");

    public static CaseNumber Parse(string text) =>
        TryParse(text, out var number, out var error) ? number : throw new FormatException(error.ToString());

    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out CaseNumber? number,
        [NotNullWhen(false)] out LocalizableMessage? error)
    {
        number = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = new LocalizableMessage(RequiredKey);
            return false;
        }

        var s = text.Trim().ToLowerInvariant();
        int last = s.LastIndexOf('-');
        int middle = last > 0 ? s.LastIndexOf('-', last - 1) : -1;
        if (middle <= 0)
        {
            error = new LocalizableMessage(BadFormatKey, text.Trim());
            return false;
        }

        var code = s[..middle];
        var yearText = s[(middle + 1)..last];
        var sequenceText = s[(last + 1)..];
        if (yearText.Length != 4 || !yearText.All(char.IsAsciiDigit) || sequenceText.Length != 6 || !sequenceText.All(char.IsAsciiDigit))
        {
            error = new LocalizableMessage(BadFormatKey, text.Trim());
            return false;
        }

        if (!OrgUnit.IsValidCode(code))
        {
            error = new LocalizableMessage(BadOrgCodeKey, code);
            return false;
        }

        int year = int.Parse(yearText, CultureInfo.InvariantCulture);
        if (year < MinYear)
        {
            error = new LocalizableMessage(BadYearKey, year);
            return false;
        }

        int sequence = int.Parse(sequenceText, CultureInfo.InvariantCulture);
        if (sequence < 1)
        {
            error = new LocalizableMessage(BadSequenceKey);
            return false;
        }

        number = new CaseNumber(code, year, sequence);
        error = null;
        return true;
    }
}
