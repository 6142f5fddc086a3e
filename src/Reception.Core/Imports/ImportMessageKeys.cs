using Reception.Core.Organisation;

namespace Reception.Core.Imports;

/// <summary>
/// Every message key the CSV imports produce. Each key is the English text with {0}-style
/// placeholders; the web layer needs a zh-CN translation for each (see <see cref="All"/>).
/// </summary>
public static class ImportMessageKeys
{
    // The uploaded file (CsvText).
    public const string FileTooLarge = "The file is larger than {0} KB.";
    public const string NotText = "The file is not a text (CSV) file.";
    public const string UnknownEncoding = "The file is neither UTF-8 nor GB18030 (GBK) text.";

    // The table structure. Column arguments are the column's names, e.g. "代码 (code)".
    public const string FileEmpty = "The file is empty.";
    public const string NoDataRows = "The file has no data rows.";
    public const string MissingColumn = "Missing column {0}.";
    public const string UnknownColumn = "Unknown column \"{0}\".";
    public const string DuplicateColumn = "Column \"{0}\" appears more than once.";
    public const string EmptyColumnName = "Header column {0} has no name.";
    public const string MalformedQuotes = "The quotes on this line are malformed.";
    public const string WrongValueCount = "This row has {0} values but the header has {1} columns.";

    // Values. {0} is the column name as written in the file's header.
    public const string Required = "{0} is required.";
    public const string TooLong = "{0} is longer than {1} characters.";
    public const string NotAnIntegerInRange = "{0} \"{1}\" is not a whole number from {2} to {3}.";
    public const string UnitNotFound = "Unit code \"{0}\" was not found.";

    // Org units. Kind arguments are OrgUnitKind values.
    public const string InvalidCode = "Code \"{0}\" is invalid: use 2–20 lowercase letters, digits or hyphens, starting with a letter or digit.";
    public const string DuplicateCodeInFile = "Code \"{0}\" appears more than once in the file (first on line {1}).";
    public const string CodeExists = "Code \"{0}\" already exists.";
    public const string UnknownKind = "Unknown kind \"{0}\"; use Province, City, County, Township, Street, Village, Community or Department.";
    public const string OwnParent = "A unit cannot be its own parent.";
    public const string KindNotUnderParent = "A {0} cannot be placed under a {1}.";
    public const string KindNotRoot = "A {0} needs a parent unit.";
    public const string ParentCycle = "The parent codes form a cycle: {0}.";

    // Leaders.
    public const string UnknownLeadingBody = "Unknown leading body \"{0}\"; use PartyCommittee, PeoplesCongress, Government or PoliticalConsultative.";

    /// <summary>All keys, including <see cref="ContactRules"/>' keys, for translation completeness checks.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        FileTooLarge, NotText, UnknownEncoding,
        FileEmpty, NoDataRows, MissingColumn, UnknownColumn, DuplicateColumn, EmptyColumnName, MalformedQuotes, WrongValueCount,
        Required, TooLong, NotAnIntegerInRange, UnitNotFound,
        InvalidCode, DuplicateCodeInFile, CodeExists, UnknownKind, OwnParent, KindNotUnderParent, KindNotRoot, ParentCycle,
        UnknownLeadingBody,
        ContactRules.InvalidEmailKey, ContactRules.InvalidPhoneKey,
    ];
}
