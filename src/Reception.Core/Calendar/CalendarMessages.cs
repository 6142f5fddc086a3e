namespace Reception.Core.Calendar;

/// <summary>
/// Message keys (English templates) produced by the calendar and the holiday CSV import. The web layer
/// translates each key through its resource files; the arguments are already culture-neutral
/// (years as <see cref="int"/>, dates and text as <see cref="string"/>).
/// </summary>
public static class CalendarMessages
{
    /// <summary>{0} = the year (int). The year's statutory days are provisional days off; its 调休 is not known.</summary>
    public const string UnknownYear =
        "The official holiday arrangement for {0} has not been loaded; its statutory holidays are provisional days off, and the make-up working days (调休) are not known yet.";

    /// <summary>{0} = the years, comma-separated (string).</summary>
    public const string UnknownYears =
        "The official holiday arrangements for {0} have not been loaded; their statutory holidays are provisional days off, and the make-up working days (调休) are not known yet.";

    /// <summary>{0} = the year (int), outside the years whose statutory days can be computed.</summary>
    public const string UnknownYearWeekdaysOnly =
        "The official holiday arrangement for {0} has not been loaded; working days in that year are assumed to be Monday to Friday.";

    /// <summary>{0} = the years, comma-separated (string), some outside the years whose statutory days can be computed.</summary>
    public const string UnknownYearsWeekdaysOnly =
        "The official holiday arrangements for {0} have not been loaded; working days in those years are assumed to be Monday to Friday.";

    public const string CsvEmpty = "The file is empty.";

    /// <summary>{0} = the header line as found.</summary>
    public const string CsvBadHeader = "The first line must be the header \"date,name,is_off_day\", but it is \"{0}\".";

    public const string CsvNoRows = "The file contains no holiday rows.";

    public const string CsvUndecodable =
        "The line contains characters that could not be decoded; save the file as \"CSV UTF-8\" and import it again.";

    public const string CsvUnterminatedQuote = "A quoted field is not closed on this line.";

    public const string CsvTextAfterQuote = "There is text after the closing quote of a field.";

    /// <summary>{0} = the number of fields found (int).</summary>
    public const string CsvWrongFieldCount = "A row must have 3 fields (date, name, is_off_day), but this one has {0}.";

    /// <summary>{0} = the text found.</summary>
    public const string CsvBadDate = "\"{0}\" is not a date in the form yyyy-MM-dd.";

    /// <summary>{0} = the text found.</summary>
    public const string CsvBadFlag =
        "\"{0}\" is not a valid is_off_day value; use true (off day) or false (make-up working day).";

    public const string CsvEmptyName = "The holiday name is empty.";

    /// <summary>{0} = the maximum length (int).</summary>
    public const string CsvNameTooLong = "The holiday name is longer than {0} characters.";

    /// <summary>{0} = the date (yyyy-MM-dd), {1} = the line where it first appeared (int).</summary>
    public const string CsvDuplicateDate = "The date {0} already appears on line {1}.";

    /// <summary>{0} = the date (yyyy-MM-dd), {1} = the expected year (int).</summary>
    public const string CsvDateOutsideYear = "The date {0} is not in the year {1} being imported.";

    // ---- the State Council's notice, pasted (HolidayNotice) ---------------------------------------------------------
    // {0} = a date as yyyy-MM-dd or the text found, {1} = the item ("二、春节") unless said otherwise.

    public const string NoticeEmpty = "Paste the text of the State Council's notice.";

    /// <summary>{0} = the maximum length (int).</summary>
    public const string NoticeTooLong = "The text is longer than {0} characters; paste only the notice.";

    public const string NoticeNoYear =
        "The notice's year was not found: paste the notice with its title (国务院办公厅关于YYYY年部分节假日安排的通知).";

    /// <summary>{0} = the years found, comma-separated.</summary>
    public const string NoticeYearsDisagree = "The text names more than one year ({0}); paste one notice at a time.";

    /// <summary>{0} = the year, {1} and {2} = the first and last year handled (int).</summary>
    public const string NoticeYearOutOfRange = "The notice is for {0}; only notices for {1} to {2} can be read.";

    public const string NoticeNoItems =
        "No holiday items were found: the notice lists them as \"一、元旦：…\", \"二、春节：…\".";

    /// <summary>{0} = the numeral of the item before (empty for the first), {1} = the numeral found.</summary>
    public const string NoticeItemsOutOfOrder =
        "The items are not numbered one after another (\"{0}\" is followed by \"{1}\"): paste the whole notice.";

    /// <summary>{0} = the clause as pasted.</summary>
    public const string NoticeUnreadable = "\"{0}\" ({1}) cannot be read; enter these dates by hand instead.";

    public const string NoticeDateWithoutMonth = "\"{0}\" ({1}) has no month.";

    public const string NoticeBadDate = "\"{0}\" ({1}) is not a valid date.";

    public const string NoticeRangeReversed = "\"{0}\" ({1}) ends before it starts.";

    /// <summary>{2} = the maximum number of days (int).</summary>
    public const string NoticeRangeTooLong = "\"{0}\" ({1}) is longer than {2} days.";

    /// <summary>{2} = the year of the notice (int).</summary>
    public const string NoticeDateOutsideYear = "{0} ({1}) is too far from the year {2} of the notice.";

    /// <summary>{2} = the date's weekday (DayOfWeek), {3} = the weekday as the notice writes it (e.g. 周日).</summary>
    public const string NoticeWrongWeekday = "{0} ({1}) is a {2}, but the notice says {3}: check the year and the text.";

    /// <summary>{2} = the lunar day as the notice writes it (e.g. 除夕, 正月初七).</summary>
    public const string NoticeWrongLunarDay = "{0} ({1}) is not {2} of the lunar calendar: check the year and the text.";

    /// <summary>{2} = the date's weekday (DayOfWeek).</summary>
    public const string NoticeMakeUpOnWeekday = "{0} ({1}) is a {2}: a make-up working day falls on a Saturday or Sunday.";

    /// <summary>{1} = the item or items.</summary>
    public const string NoticeDuplicateDate = "{0} is given more than once ({1}).";

    /// <summary>{1} = the item or items.</summary>
    public const string NoticeOffAndWork = "{0} ({1}) is given both as a day off and as a working day.";

    /// <summary>{0} = the item, {1} = the days the notice states (int), {2} = the days its dates make (int).</summary>
    public const string NoticeCountMismatch = "{0}: the notice says {1} days off, but its dates make {2}.";

    /// <summary>{0} = the item.</summary>
    public const string NoticeItemWithoutDates = "{0}: no dates were found in this item.";

    /// <summary>{0} = the item, {1} = the maximum length (int).</summary>
    public const string NoticeNameTooLong = "{0}: the holiday name is longer than {1} characters.";

    /// <summary>{0} = the date, {1} = the festival (e.g. 春节).</summary>
    public const string NoticeStatutoryDayMissing =
        "{0} ({1}) is a statutory holiday but the text does not give it as a day off: paste the whole notice.";

    // ---- an .ics holiday calendar (HolidayIcs) ------------------------------------------------------------------------

    /// <summary>{0} = the parser's message.</summary>
    public const string IcsUnreadable = "The file is not a readable iCalendar (.ics) file: {0}";

    /// <summary>{0} = the event's summary.</summary>
    public const string IcsNoStart = "The event \"{0}\" has no valid start date (DTSTART).";

    /// <summary>{0} = the event's summary, {1} = its first date.</summary>
    public const string IcsNotAllDay = "The event \"{0}\" on {1} is not an all-day event.";

    /// <summary>{0} = the event's summary, {1} = its first date.</summary>
    public const string IcsRecurring = "The event \"{0}\" on {1} repeats; a holiday calendar lists each date.";

    /// <summary>{0} = the event's summary, {1} = its first date.</summary>
    public const string IcsUnknownKind =
        "The event \"{0}\" on {1} does not say whether it is a day off (假, 休) or a make-up working day (班).";

    /// <summary>{0} = the date, {1} = the first event's summary, {2} = the other's.</summary>
    public const string IcsConflict = "{0} is both \"{1}\" and \"{2}\".";

    /// <summary>{0} = the date, {1} = the event's summary, {2} = the weekday (DayOfWeek).</summary>
    public const string IcsMakeUpOnWeekday = "{0} (\"{1}\") is a {2}: a make-up working day falls on a Saturday or Sunday.";

    /// <summary>{0} = the year (int).</summary>
    public const string IcsNoDatesInYear = "The calendar has no holidays in {0}.";

    /// <summary>{0} = the date, {1} = the festival.</summary>
    public const string IcsStatutoryDayMissing =
        "{0} ({1}) is a statutory holiday but the calendar does not give it as a day off.";
}
