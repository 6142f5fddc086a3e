using FsCheck;
using FsCheck.Fluent;
using Reception.Core.Cases;

namespace Reception.Core.Tests.Cases;

public class IdentityNumberTests
{
    private static readonly DateOnly Today = new(2026, 3, 15);

    [Theory]
    [InlineData("11010519491231002X", "1949-12-31", Gender.Female)] // the example in GB 11643-1999
    [InlineData("420106198503151234", "1985-03-15", Gender.Male)]
    [InlineData("110101200001010010", "2000-01-01", Gender.Male)]
    [InlineData("440305199912310028", "1999-12-31", Gender.Female)]
    [InlineData("810000199001010015", "1990-01-01", Gender.Male)] // Hong Kong residence permit
    [InlineData("830000200202020027", "2002-02-02", Gender.Female)] // Taiwan residence permit
    public void ValidNumbers_ParseWithBirthDateAndGender(string first17WithAnyLast, string birth, Gender gender)
    {
        // The table lists realistic numbers; the last character is recomputed so the table stays readable.
        var id = first17WithAnyLast[..17] + IdNumbers.Check(first17WithAnyLast[..17]);
        Assert.True(IdentityNumber.TryParse(id, Today, out var number, out var error), error?.ToString());
        Assert.Equal(id, number.Value);
        Assert.Equal(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), number.BirthDate);
        Assert.Equal(gender, number.Gender);
        Assert.Equal(id[..6], number.RegionCode);
    }

    [Fact]
    public void TheStandardExample_IsValidAsPrinted()
    {
        Assert.True(IdentityNumber.IsValid("11010519491231002X", Today));
    }

    [Fact]
    public void LowerCaseX_IsAcceptedAndUpperCased()
    {
        Assert.True(IdentityNumber.TryParse("11010519491231002x", Today, out var n, out _));
        Assert.Equal("11010519491231002X", n.Value);
    }

    [Fact]
    public void FullWidthDigitsAndSpaces_AreNormalised()
    {
        Assert.True(IdentityNumber.TryParse("  １１０１０５ １９４９１２３１ ００２ｘ ", Today, out var n, out var e), e?.ToString());
        Assert.Equal("11010519491231002X", n.Value);
    }

    [Theory]
    [InlineData(null, IdentityNumber.RequiredKey)]
    [InlineData("   ", IdentityNumber.RequiredKey)]
    [InlineData("11010519491231002", IdentityNumber.WrongLengthKey)]
    [InlineData("11010519491231002X1", IdentityNumber.WrongLengthKey)]
    [InlineData("110105491231002", IdentityNumber.WrongLengthKey)] // old 15-digit numbers
    [InlineData("1101051949123100AX", IdentityNumber.NotDigitsKey)]
    [InlineData("X10105194912310021", IdentityNumber.NotDigitsKey)]
    [InlineData("11010519491231002Y", IdentityNumber.BadLastCharacterKey)]
    public void MalformedNumbers_AreRefused(string? text, string key)
    {
        Assert.False(IdentityNumber.TryParse(text, Today, out var n, out var error));
        Assert.Null(n);
        Assert.Equal(key, error.Key);
    }

    [Theory]
    [InlineData("00")]
    [InlineData("10")]
    [InlineData("16")]
    [InlineData("20")]
    [InlineData("24")]
    [InlineData("30")]
    [InlineData("38")]
    [InlineData("47")]
    [InlineData("55")]
    [InlineData("60")]
    [InlineData("66")]
    [InlineData("72")]
    [InlineData("80")]
    [InlineData("84")]
    [InlineData("91")] // foreigners' permanent residence card, not a resident ID
    [InlineData("99")]
    public void UnknownProvinceCodes_AreRefused(string province)
    {
        var id = IdNumbers.Make(province + "0101", "19800101", "123");
        Assert.False(IdentityNumber.TryParse(id, Today, out _, out var error));
        Assert.Equal(IdentityNumber.BadRegionKey, error.Key);
        Assert.Equal(province, error.Args[0]);
    }

    [Fact]
    public void EveryListedProvinceCode_IsAccepted()
    {
        foreach (var p in IdNumbers.Provinces)
            Assert.True(IdentityNumber.IsValid(IdNumbers.Make(p.ToString(System.Globalization.CultureInfo.InvariantCulture) + "0101", "19800101", "123"), Today), p.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(IdNumbers.Provinces.Length, IdentityNumber.ProvinceCodes.Count);
    }

    [Theory]
    [InlineData("19800230", IdentityNumber.BadBirthDateKey, "19800230")]
    [InlineData("19801301", IdentityNumber.BadBirthDateKey, "19801301")]
    [InlineData("19800100", IdentityNumber.BadBirthDateKey, "19800100")]
    [InlineData("19010229", IdentityNumber.BadBirthDateKey, "19010229")]
    [InlineData("18991231", IdentityNumber.BirthDateTooEarlyKey, "1899-12-31")]
    [InlineData("20260316", IdentityNumber.BirthDateInFutureKey, "2026-03-16")]
    [InlineData("20300101", IdentityNumber.BirthDateInFutureKey, "2030-01-01")]
    public void BadBirthDates_AreRefused(string birth, string key, string shown)
    {
        var id = IdNumbers.Make("420106", birth, "123");
        Assert.False(IdentityNumber.TryParse(id, Today, out _, out var error));
        Assert.Equal(key, error.Key);
        Assert.Equal(shown, error.Args[0]);
    }

    [Theory]
    [InlineData("19000101")]
    [InlineData("20000229")]
    [InlineData("20260315")] // born today
    public void BoundaryBirthDates_AreAccepted(string birth)
    {
        Assert.True(IdentityNumber.IsValid(IdNumbers.Make("420106", birth, "123"), Today));
    }

    [Fact]
    public void The1880ExampleOfTheStandard_IsRefusedAsBefore1900()
    {
        Assert.Equal(IdentityNumber.BirthDateTooEarlyKey, IdentityNumber.Validate("440524188001010014", Today)?.Key);
    }

    [Theory]
    [InlineData("110105194912310021", "X")]
    [InlineData("420106198503151230", "X")]
    public void AWrongCheckDigit_NamesTheRightOne(string text, string expected)
    {
        Assert.Equal(expected, IdNumbers.Check(text[..17]).ToString());
        var error = IdentityNumber.Validate(text, Today);
        Assert.NotNull(error);
        Assert.Equal(IdentityNumber.BadCheckDigitKey, error.Key);
        Assert.Equal(expected, error.Args[0]);
        Assert.Equal($"The last character of the ID number does not match (check digit should be {expected}).", error.ToString());
    }

    [Fact]
    public void Gender_FollowsTheSeventeenthDigit()
    {
        for (int d = 0; d <= 9; d++)
        {
            Assert.True(IdentityNumber.TryParse(IdNumbers.Make("420106", "19850315", "12" + d), Today, out var n, out _));
            Assert.Equal(d % 2 == 1 ? Gender.Male : Gender.Female, n.Gender);
        }
    }

    [Fact]
    public void ToString_IsMaskedAndEqualityIsByValue()
    {
        IdentityNumber.TryParse("11010519491231002X", Today, out var a, out _);
        IdentityNumber.TryParse("11010519491231002x", Today, out var b, out _);
        Assert.Equal("1101**********002X", a!.ToString());
        Assert.Equal("1101**********002X", a.Mask());
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b!.GetHashCode());
    }

    // ------------------------------------------------------------ properties

    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(1000);

    private static readonly Gen<string> ValidNumber =
        from p in Gen.Elements(IdNumbers.Provinces)
        from rest in Gen.Choose(0, 9999)
        from day in Gen.Choose(new DateOnly(1900, 1, 1).DayNumber, Today.DayNumber)
        from seq in Gen.Choose(0, 999)
        select IdNumbers.Make(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p:D2}{rest:D4}"),
            DateOnly.FromDayNumber(day).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
            seq.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void ARandomValidNumber_Passes()
    {
        Check.One(Config, Prop.ForAll(ValidNumber.ToArbitrary(), id =>
            IdentityNumber.TryParse(id, Today, out var n, out _)
            && n.Value == id
            && n.BirthDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) == id.Substring(6, 8)
            && n.Gender == ((id[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female)
            && IdentityNumber.IsValid(id.ToLowerInvariant(), Today)));
    }

    [Fact]
    public void ChangingAnySingleDigit_BreaksTheChecksum()
    {
        var gen = from id in ValidNumber
                  from pos in Gen.Choose(0, 16)
                  from delta in Gen.Choose(1, 9)
                  select (id, pos, delta);
        Check.One(Config, Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var chars = t.id.ToCharArray();
            chars[t.pos] = (char)('0' + (chars[t.pos] - '0' + t.delta) % 10);
            var changed = new string(chars);
            var error = IdentityNumber.Validate(changed, Today);
            // The check character no longer matches; the message may name an earlier problem (region, date) first.
            return IdentityNumber.CheckCharacter(changed.AsSpan(0, 17)) != t.id[17]
                && error is not null
                && (t.pos < 14 || error.Key == IdentityNumber.BadCheckDigitKey);
        }));
    }

    [Fact]
    public void ChangingTheCheckCharacter_IsReportedAsACheckDigitError()
    {
        var gen = from id in ValidNumber
                  from c in Gen.Elements("0123456789X".ToCharArray())
                  where c != id[17]
                  select (id, c);
        Check.One(Config, Prop.ForAll(gen.ToArbitrary(), t =>
            IdentityNumber.Validate(t.id[..17] + t.c, Today) is { Key: IdentityNumber.BadCheckDigitKey } e
            && (string)e.Args[0] == t.id[17].ToString()));
    }
}
