using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Reception.Core.Common;

namespace Reception.Core.Calendar;

/// <summary>The outcome of <see cref="HolidayNotice.Read"/>. All-or-nothing: when there are errors, there are no entries.</summary>
public sealed class HolidayNoticeResult
{
    internal HolidayNoticeResult(int? year, IReadOnlyList<HolidayEntry> entries, IReadOnlyList<LocalizableMessage> errors)
    {
        Year = year;
        Entries = entries;
        Errors = errors;
    }

    /// <summary>The year the notice arranges (from its title), when it was found.</summary>
    public int? Year { get; }

    /// <summary>
    /// The arrangement, ascending by date: off days (放假, 补休) and make-up working days (上班). Dates in the neighbouring
    /// years occur when the notice says so (元旦 2019 began on 2018-12-30; 2011-12-31 was worked for 元旦 2012). Empty
    /// when there are errors.
    /// </summary>
    public IReadOnlyList<HolidayEntry> Entries { get; }

    /// <summary>Why the text was refused, in the order found.</summary>
    public IReadOnlyList<LocalizableMessage> Errors { get; }

    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Reads the State Council's yearly notice 《国务院办公厅关于YYYY年部分节假日安排的通知》 as an administrator pastes it
/// (from gov.cn, Xinhua, a PDF or a forwarded copy), and returns its arrangement — or refuses with reasons.
/// <para>
/// What it reads: the year from the title (or "现将YYYY年…"); the numbered items "一、元旦：…" (one festival or several,
/// "六、国庆节、中秋节：…", or a special day such as 2015's victory commemoration), each item's sentences of dates
/// followed by 放假 / 放假调休 / 放假公休 / 放假N天 / 补休 (days off) or 上班 (make-up working days); single dates, ranges
/// with 至 or a dash (also across a month end, 5月31日至6月2日, or a year end, 2018年12月30日至2019年1月1日) and lists
/// with 、 in which a date without a month or year takes them from the one before (2月20日、21日); the annotations
/// 共N天 (checked against the dates), 与周末连休 and 不调休 (which add no dates); full-width or ASCII punctuation,
/// 星期X or 周X, text wrapped over several lines, one notice on a single line.
/// </para>
/// <para>
/// What it ignores: everything outside the items (addressees, the preamble with its principles and dates, the closing
/// paragraph, the signature), and a sentence that only encourages rest ("鼓励…安排职工在除夕（2月9日）休息"): that is no
/// official day off.
/// </para>
/// <para>
/// What it refuses, rather than guess: a text without the year; items numbered with a gap; any clause with a date it
/// cannot read (the 2007–2008 wording "其中，…为法定节假日，…公休日调至…", the 2020 "延长…假期至…起正常上班"); a month-less
/// first date; an impossible date; a weekday or lunar note in brackets that does not match the date (a wrong year, a
/// typo); a make-up working day on a weekday; a date both off and worked, or given twice; 共N天 that differs from the
/// dates; and an arrangement that leaves out a statutory day off (<see cref="StatutoryHolidays"/>) — a partial paste.
/// </para>
/// </summary>
public static partial class HolidayNotice
{
    /// <summary>A notice is about 1,000 characters; far more is not one notice.</summary>
    public const int MaxLength = 20_000;

    /// <summary>The longest run of days one range may give (the longest holiday so far: 8 or 9 days; 2020's extension 10).</summary>
    public const int MaxRangeDays = 31;

    /// <summary>The years whose notes (weekdays, lunar days) can be checked: the span of <see cref="ChineseLunisolarCalendar"/>.</summary>
    public const int FirstYear = 1902;

    /// <summary>The last year a notice may arrange.</summary>
    public const int LastYear = StatutoryHolidays.LastYear;

    private static readonly string[] EncouragementWords = ["鼓励", "倡导", "提倡", "建议", "引导"];

    private static readonly ChineseLunisolarCalendar Lunar = new();

    /// <summary>Reads the pasted text; see the class remarks.</summary>
    public static HolidayNoticeResult Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<LocalizableMessage>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return Failed(null, new LocalizableMessage(CalendarMessages.NoticeEmpty));
        }

        if (text.Length > MaxLength)
        {
            return Failed(null, new LocalizableMessage(CalendarMessages.NoticeTooLong, MaxLength));
        }

        var normalized = Normalize(text);
        var years = TitleYear().Matches(normalized).Select(m => int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture))
            .Distinct().ToList();
        if (years.Count == 0)
        {
            return Failed(null, new LocalizableMessage(CalendarMessages.NoticeNoYear));
        }

        if (years.Count > 1)
        {
            return Failed(null, new LocalizableMessage(CalendarMessages.NoticeYearsDisagree, string.Join(", ", years.Order())));
        }

        var year = years[0];
        if (year is < FirstYear or > LastYear)
        {
            return Failed(year, new LocalizableMessage(CalendarMessages.NoticeYearOutOfRange, year, FirstYear, LastYear));
        }

        // The signature's date ("国务院办公厅 2025年11月4日") is no arrangement; nor is anything else outside the items.
        normalized = Signature().Replace(normalized, "\n");

        // A line break that does not follow a full stop or a colon, nor starts an item, is a wrapped line (a PDF, a
        // narrow page): join it.
        normalized = WrappedLine().Replace(normalized, "");
        var items = Items(normalized);
        if (items.Count == 0)
        {
            return Failed(year, new LocalizableMessage(CalendarMessages.NoticeNoItems));
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Number != i + 1)
            {
                var previous = i == 0 ? "" : items[i - 1].Numeral;
                errors.Add(new LocalizableMessage(CalendarMessages.NoticeItemsOutOfOrder, previous, items[i].Numeral));
                return Failed(year, [.. errors]);
            }
        }

        var dates = new Dictionary<DateOnly, (bool Off, string Item)>();
        var entries = new List<HolidayEntry>();
        foreach (var item in items)
        {
            var parsed = ReadItem(item, year, errors);
            if (parsed is null)
            {
                continue;
            }

            if (item.Name.Length > HolidayEntry.NameMaxLength)
            {
                errors.Add(new LocalizableMessage(CalendarMessages.NoticeNameTooLong, item.Label, HolidayEntry.NameMaxLength));
                continue;
            }

            foreach (var (date, off) in parsed)
            {
                if (dates.TryGetValue(date, out var earlier))
                {
                    var where = earlier.Item == item.Label ? item.Label : earlier.Item + "; " + item.Label;
                    errors.Add(earlier.Off != off
                        ? new LocalizableMessage(CalendarMessages.NoticeOffAndWork, DateText.Of(date), where)
                        : new LocalizableMessage(CalendarMessages.NoticeDuplicateDate, DateText.Of(date), where));
                    continue;
                }

                dates.Add(date, (off, item.Label));
                entries.Add(new HolidayEntry(date, item.Name, off));
            }
        }

        if (errors.Count == 0)
        {
            foreach (var day in StatutoryHolidays.For(year))
            {
                if (!(dates.TryGetValue(day.Date, out var listed) && listed.Off))
                {
                    errors.Add(new LocalizableMessage(CalendarMessages.NoticeStatutoryDayMissing, DateText.Of(day.Date), day.Name));
                }
            }
        }

        return errors.Count > 0
            ? Failed(year, [.. errors])
            : new HolidayNoticeResult(year, entries.OrderBy(e => e.Date).ToArray().AsReadOnly(), Array.Empty<LocalizableMessage>());
    }

    // ---- the text --------------------------------------------------------------------------------------------------

    /// <summary>
    /// Full-width letters, digits and punctuation become ASCII (：→ :, （）→ (), ，→ ,, ；→ ;); dashes and tildes become '-';
    /// line ends become \n; spaces disappear (Chinese text has none that matter; copies from PDFs and web pages add them).
    /// </summary>
    private static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\uFEFF' or ' ' or '\t' or '\u3000' or '\u00A0' or '\u200B':
                    continue;
                case '\r':
                    sb.Append('\n');
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    continue;
                case '—' or '–' or '―' or '‒' or '－' or '~' or '～' or '〜':
                    sb.Append('-');
                    continue;
                case >= '\uFF01' and <= '\uFF5E':
                    sb.Append((char)(c - 0xFEE0));
                    continue;
                default:
                    sb.Append(c);
                    continue;
            }
        }

        return sb.ToString();
    }

    private sealed record Item(int Number, string Numeral, string Name, string Body)
    {
        /// <summary>How the item is named in messages: "二、春节".</summary>
        public string Label => Numeral + "、" + Name;
    }

    /// <summary>
    /// The numbered items. An item's text runs to the next item or to the end of its paragraph: a line break after a
    /// full stop ends it (the closing paragraph is not part of the last item) unless the next line goes on with a date
    /// (a line wrapped right after a sentence of the item); line breaks inside sentences are already joined.
    /// </summary>
    private static List<Item> Items(string text)
    {
        var headings = ItemHeading().Matches(text);
        var items = new List<Item>();
        for (var i = 0; i < headings.Count; i++)
        {
            var heading = headings[i];
            var start = heading.Index + heading.Length;
            var end = i + 1 < headings.Count ? headings[i + 1].Index : text.Length;
            var body = text[start..end];
            var paragraphEnd = ParagraphEnd().Match(body);
            if (paragraphEnd.Success)
            {
                body = body[..(paragraphEnd.Index + 1)];
            }

            var numeral = heading.Groups["numeral"].Value;
            items.Add(new Item(ChineseNumber(numeral), numeral, heading.Groups["name"].Value, body.Replace("\n", "", StringComparison.Ordinal)));
        }

        return items;
    }

    /// <summary>The item's dates (true = off), or null after adding errors.</summary>
    private static List<(DateOnly Date, bool Off)>? ReadItem(Item item, int year, List<LocalizableMessage> errors)
    {
        var errorsBefore = errors.Count;
        var listed = new List<(DateOnly Date, bool Off)>();
        int? statedCount = null;
        foreach (var sentence in SplitOutsideBrackets(item.Body, '。', ';'))
        {
            var clauses = SplitOutsideBrackets(sentence, ',');
            if (!clauses.Any(c => AnyDate().IsMatch(c)))
            {
                continue; // no dates: nothing to arrange (and no guess about what it says)
            }

            foreach (var clause in clauses)
            {
                if (EncouragementWords.Any(w => clause.Contains(w, StringComparison.Ordinal)))
                {
                    break; // e.g. 鼓励…，安排职工在除夕（2月9日）休息: the rest of the sentence recommends, it arranges nothing
                }

                if (clause.Length == 0 || Annotation().IsMatch(clause))
                {
                    continue; // 与周末连休, 不调休: no dates of their own
                }

                if (Count().Match(clause) is { Success: true } count)
                {
                    statedCount = ChineseNumber(count.Groups["n"].Value);
                    continue;
                }

                ReadClause(clause, item, year, listed, ref statedCount, errors);
            }
        }

        if (errors.Count > errorsBefore)
        {
            return null;
        }

        if (listed.Count == 0)
        {
            errors.Add(new LocalizableMessage(CalendarMessages.NoticeItemWithoutDates, item.Label));
            return null;
        }

        var offDays = listed.Count(d => d.Off);
        if (statedCount is { } n && n != offDays)
        {
            errors.Add(new LocalizableMessage(CalendarMessages.NoticeCountMismatch, item.Label, n, offDays));
            return null;
        }

        return listed;
    }

    /// <summary>One clause: a list of dates and ranges, then what happens on them.</summary>
    private static void ReadClause(string clause, Item item, int year, List<(DateOnly, bool)> itemDates, ref int? statedCount,
        List<LocalizableMessage> errors)
    {
        var listed = new List<(DateOnly Date, bool Off)>();
        var match = DatedClause().Match(clause);
        if (!match.Success)
        {
            errors.Add(new LocalizableMessage(CalendarMessages.NoticeUnreadable, clause, item.Label));
            return;
        }

        var verb = match.Groups["verb"].Value;
        bool off;
        if (verb == "上班")
        {
            off = false;
        }
        else if (OffVerb().Match(verb) is { Success: true } offVerb)
        {
            off = true;
            if (offVerb.Groups["n"].Success)
            {
                statedCount = ChineseNumber(offVerb.Groups["n"].Value);
            }
        }
        else
        {
            errors.Add(new LocalizableMessage(CalendarMessages.NoticeUnreadable, clause, item.Label));
            return;
        }

        // Dates, ranges and connectors in order; a date takes a missing year and month from the one before it.
        var context = (Year: year, Month: (int?)null);
        DateOnly? rangeStart = null;
        string? rangeStartText = null;
        var expectRangeEnd = false;
        foreach (Match token in DateToken().Matches(match.Groups["dates"].Value))
        {
            if (token.Groups["connector"].Success)
            {
                expectRangeEnd = token.Groups["connector"].Value is "至" or "到" or "-";
                continue;
            }

            var date = ResolveDate(token, item, year, ref context, errors);
            if (date is null)
            {
                return;
            }

            if (expectRangeEnd && rangeStart is { } first)
            {
                var days = date.Value.DayNumber - first.DayNumber + 1;
                if (days < 1)
                {
                    errors.Add(new LocalizableMessage(CalendarMessages.NoticeRangeReversed, rangeStartText + "至" + token.Value, item.Label));
                    return;
                }

                if (days > MaxRangeDays)
                {
                    errors.Add(new LocalizableMessage(CalendarMessages.NoticeRangeTooLong, rangeStartText + "至" + token.Value, item.Label, MaxRangeDays));
                    return;
                }

                for (var d = first.AddDays(1); d <= date.Value; d = d.AddDays(1))
                {
                    Add(d);
                }

                rangeStart = null;
                expectRangeEnd = false;
                continue;
            }

            Add(date.Value);
            rangeStart = date;
            rangeStartText = token.Value;
        }

        void Add(DateOnly d) => listed.Add((d, off));

        foreach (var (date, isOff) in listed)
        {
            if (!isOff && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                errors.Add(new LocalizableMessage(CalendarMessages.NoticeMakeUpOnWeekday, DateText.Of(date), item.Label, date.DayOfWeek));
            }
        }

        itemDates.AddRange(listed);
    }

    private static DateOnly? ResolveDate(Match token, Item item, int noticeYear, ref (int Year, int? Month) context, List<LocalizableMessage> errors)
    {
        if (token.Groups["year"].Success)
        {
            context.Year = int.Parse(token.Groups["year"].Value, CultureInfo.InvariantCulture);
        }

        if (token.Groups["month"].Success)
        {
            context.Month = int.Parse(token.Groups["month"].Value, CultureInfo.InvariantCulture);
        }

        var text = token.Groups["date"].Value;
        if (context.Month is not { } month)
        {
            errors.Add(new LocalizableMessage(CalendarMessages.NoticeDateWithoutMonth, text, item.Label));
            return null;
        }

        var day = int.Parse(token.Groups["day"].Value, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(context.Year, month))
        {
            errors.Add(new LocalizableMessage(CalendarMessages.NoticeBadDate, text, item.Label));
            return null;
        }

        var date = new DateOnly(context.Year, month, day);
        if (date < new DateOnly(noticeYear - 1, 12, 1) || date > new DateOnly(noticeYear + 1, 1, 31))
        {
            errors.Add(new LocalizableMessage(CalendarMessages.NoticeDateOutsideYear, DateText.Of(date), item.Label, noticeYear));
            return null;
        }

        if (token.Groups["note"].Success && !CheckNote(date, token.Groups["note"].Value, item, errors))
        {
            return null;
        }

        return date;
    }

    /// <summary>Checks a bracketed note's weekday (周日, 星期日) and lunar day (农历除夕, 腊月二十八, 正月初七) against the date.</summary>
    private static bool CheckNote(DateOnly date, string note, Item item, List<LocalizableMessage> errors)
    {
        foreach (Match weekday in WeekdayNote().Matches(note))
        {
            var said = "一二三四五六日天".IndexOf(weekday.Groups["d"].Value[0], StringComparison.Ordinal) switch
            {
                6 or 7 => DayOfWeek.Sunday,
                var n => (DayOfWeek)(n + 1),
            };
            if (said != date.DayOfWeek)
            {
                errors.Add(new LocalizableMessage(CalendarMessages.NoticeWrongWeekday, DateText.Of(date), item.Label, date.DayOfWeek, weekday.Value));
                return false;
            }
        }

        if (date.Year is < FirstYear or > LastYear)
        {
            return true; // the lunisolar calendar does not cover it: the note cannot be checked (it adds no date)
        }

        if (note.Contains("除夕", StringComparison.Ordinal))
        {
            if (StatutoryHolidays.LunarNewYear(date.Year).AddDays(-1) != date)
            {
                errors.Add(new LocalizableMessage(CalendarMessages.NoticeWrongLunarDay, DateText.Of(date), item.Label, "除夕"));
                return false;
            }
        }
        else if (LunarNote().Match(note) is { Success: true } lunarNote)
        {
            var month = lunarNote.Groups["month"].Value switch
            {
                "正" => 1,
                "冬" => 11,
                "腊" => 12,
                var m => ChineseNumber(m),
            };
            var lunar = LunarDayOf(date);
            if (lunar.Leap || lunar.Month != month || lunar.Day != LunarDayNumber(lunarNote.Groups["day"].Value))
            {
                errors.Add(new LocalizableMessage(CalendarMessages.NoticeWrongLunarDay, DateText.Of(date), item.Label, lunarNote.Value));
                return false;
            }
        }

        return true;
    }

    /// <summary>初一–初十, 十一–十九, 二十, 二十一–二十九 (or 廿一–廿九), 三十.</summary>
    private static int LunarDayNumber(string text) => text switch
    {
        ['初', var d] => d == '十' ? 10 : ChineseNumber(d.ToString()),
        ['廿', var d] => 20 + ChineseNumber(d.ToString()),
        _ => ChineseNumber(text),
    };

    /// <summary>The lunar month (1–12) and day of a date, and whether the month is a leap month.</summary>
    private static (int Month, int Day, bool Leap) LunarDayOf(DateOnly date)
    {
        var dt = date.ToDateTime(TimeOnly.MinValue);
        var lunarYear = Lunar.GetYear(dt);
        var index = Lunar.GetMonth(dt);
        var leapMonth = Lunar.GetLeapMonth(lunarYear);
        var month = leapMonth > 0 && index >= leapMonth ? index - 1 : index;
        return (month, Lunar.GetDayOfMonth(dt), leapMonth > 0 && index == leapMonth);
    }

    /// <summary>Splits on the separators, except inside round brackets (whose notes hold 、 and , themselves).</summary>
    private static List<string> SplitOutsideBrackets(string text, params char[] separators)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth = Math.Max(0, depth - 1);
                    break;
                default:
                    if (depth == 0 && Array.IndexOf(separators, text[i]) >= 0)
                    {
                        parts.Add(text[start..i]);
                        start = i + 1;
                    }

                    break;
            }
        }

        parts.Add(text[start..]);
        return parts.Where(p => p.Length > 0).ToList();
    }

    /// <summary>1–99 in Arabic digits or Chinese numerals (一, 十, 十二, 二十, 二十三).</summary>
    private static int ChineseNumber(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        const string digits = "零一二三四五六七八九";
        var ten = text.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0)
        {
            return digits.IndexOf(text[0], StringComparison.Ordinal);
        }

        var tens = ten == 0 ? 1 : digits.IndexOf(text[0], StringComparison.Ordinal);
        var units = ten == text.Length - 1 ? 0 : digits.IndexOf(text[^1], StringComparison.Ordinal);
        return (tens * 10) + units;
    }

    private static HolidayNoticeResult Failed(int? year, params LocalizableMessage[] errors) =>
        new(year, Array.Empty<HolidayEntry>(), errors);

    // ---- patterns (over the normalized text: ASCII punctuation, no spaces) --------------------------------------------

    [GeneratedRegex(@"关于\n?(?<year>\d{4})年\n?部分节假日安排|现将(?<year>\d{4})年")]
    private static partial Regex TitleYear();

    [GeneratedRegex(@"国务院办公厅\n*\d{4}年\d{1,2}月\d{1,2}日")]
    private static partial Regex Signature();

    /// <summary>"二、春节:" at the start of a line or after a full stop.</summary>
    [GeneratedRegex(@"(?<=^|\n|。)(?<numeral>[一二三四五六七八九十]{1,3})、(?<name>[^:\n。,;()]{1,60}?):", RegexOptions.Multiline)]
    private static partial Regex ItemHeading();

    /// <summary>A full stop and a line break not followed by a date.</summary>
    [GeneratedRegex(@"。\n+(?!(?:\d{4}年)?\d{1,2}月\d{1,2}日)")]
    private static partial Regex ParagraphEnd();

    [GeneratedRegex(@"(?<![。:\n])\n(?![一二三四五六七八九十]{1,3}、)")]
    private static partial Regex WrappedLine();

    [GeneratedRegex(@"\d{1,2}日")]
    private static partial Regex AnyDate();

    [GeneratedRegex(@"^(?:与[^,]{1,10}连休|不调休)$")]
    private static partial Regex Annotation();

    [GeneratedRegex(@"^共(?<n>\d{1,2}|[一二三四五六七八九十]{1,3})天$")]
    private static partial Regex Count();

    private const string DatePattern = @"(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日(?:\([^()]*\))?";

    [GeneratedRegex(@"^(?<dates>" + DatePattern + @"(?:(?:至|到|-|、|和|及)" + DatePattern + @")*)(?<verb>[^()]*)$")]
    private static partial Regex DatedClause();

    [GeneratedRegex(@"^(?:放假(?:调休|公休)?(?:(?<n>\d{1,2}|[一二三四五六七八九十]{1,3})天)?|补休)$")]
    private static partial Regex OffVerb();

    [GeneratedRegex(@"(?<date>(?:(?<year>\d{4})年)?(?:(?<month>\d{1,2})月)?(?<day>\d{1,2})日)(?:\((?<note>[^()]*)\))?|(?<connector>至|到|-|、|和|及)")]
    private static partial Regex DateToken();

    [GeneratedRegex(@"(?:周|星期|礼拜)(?<d>[一二三四五六日天])")]
    private static partial Regex WeekdayNote();

    [GeneratedRegex(@"(?<month>十一|十二|正|二|三|四|五|六|七|八|九|十|冬|腊)月(?<day>初[一二三四五六七八九十]|十[一二三四五六七八九]|二十[一二三四五六七八九]?|廿[一二三四五六七八九]|三十)")]
    private static partial Regex LunarNote();
}
