namespace Reception.Core.Calendar;

/// <summary>
/// Message keys (English templates) produced by the calendar and the holiday CSV import. The web layer
/// translates each key through its resource files; the arguments are already culture-neutral
/// (years as <see cref="int"/>, dates and text as <see cref="string"/>).
/// </summary>
public static class CalendarMessages
{
    /// <summary>{0} = the year (int).</summary>
    public const string UnknownYear =
        "The official holiday arrangement for {0} has not been loaded; working days in that year are assumed to be Monday to Friday.";

    /// <summary>{0} = the years, comma-separated (string).</summary>
    public const string UnknownYears =
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
}
