namespace Reception.Core.Cases.Import;

/// <summary>
/// The messages of the ledger import (keys are the English text; the web layer holds their zh-CN translations). {0} of a
/// value's message is the column's header as the file writes it; a <see cref="LedgerField"/> argument is shown by its label.
/// </summary>
public static class LedgerImportMessages
{
    // The mapping.
    public const string FieldNotMapped = "No column is mapped to {0}.";
    public const string FieldMappedTwice = "More than one column is mapped to {0}.";

    // The file.
    public const string TooManyRows = "The file has {0} rows; at most {1} can be imported at once. Split it into smaller files.";
    public const string NoRows = "The file has a header but no rows to import.";
    public const string NotASpreadsheet = "The file is neither an Excel workbook (.xlsx) nor a CSV file.";
    public const string TooManyColumns = "The file has {0} columns; at most {1} can be mapped.";

    // Values.
    public const string Required = "{0} is empty.";
    public const string TooLong = "{0} is longer than {1} characters.";
    public const string NotADate = "{0} \"{1}\" is not a date; write it as 2026-03-05, 2026/3/5 or 2026年3月5日.";
    public const string DateInFuture = "{0} {1} is after today.";
    public const string DateTooEarly = "{0} {1} is before {2}.";
    public const string DateBeforeReceived = "{0} {1} is before the received date {2}.";
    public const string AssignedBeforeAccepted = "{0} {1} is before the acceptance date {2}.";
    public const string UnknownChannel = "{0} \"{1}\" is not a channel; use 来访, 来信, 网上, 电话, 领导接访, 上级交办 or 下访发现.";
    public const string UnknownCategory = "{0} \"{1}\" is not a category of this system.";
    public const string UnknownUnit = "{0} \"{1}\" is not a handling unit in your area.";
    public const string UnknownLeader = "{0} \"{1}\" is not a leader in your area.";
    public const string AmbiguousLeader = "{0} \"{1}\": several leaders in your area have this name.";
    public const string InvalidIdentityNumber = "{0} \"{1}\": {2}";
    public const string InvalidPhone = "{0} \"{1}\" is not a phone number.";
    public const string MorePartsThanNames = "{0} has {1} entries but there are only {2} petitioners' names.";
    public const string SameIdentityNumberTwice = "{0}: the same ID number is given for two petitioners.";
    public const string NotAPeopleCount = "{0} \"{1}\" is not a whole number from 1 to 10000.";
    public const string FewerPeopleThanPetitioners = "{0} {1} is less than the {2} petitioners named.";
    public const string DuplicateReference = "{0} \"{1}\" is also on row {2} of the file.";
    public const string ReferenceExists = "{0} \"{1}\" was imported before (case {2}).";
    public const string AssignmentNeedsBoth = "A 交办 needs both the owning leader and the handling unit; {0} is empty.";
    public const string AssignmentNeedsAcceptance = "A case with an owning leader and a handling unit has been accepted: {0} is empty.";
    public const string AssignedWithoutAssignment = "{0} is given but no owning leader and handling unit are.";

    public static IReadOnlyList<string> All { get; } =
    [
        FieldNotMapped, FieldMappedTwice, TooManyRows, NoRows, NotASpreadsheet, TooManyColumns, Required, TooLong, NotADate, DateInFuture,
        DateTooEarly, DateBeforeReceived, AssignedBeforeAccepted, UnknownChannel, UnknownCategory, UnknownUnit, UnknownLeader, AmbiguousLeader,
        InvalidIdentityNumber, InvalidPhone, MorePartsThanNames, SameIdentityNumberTwice, NotAPeopleCount, FewerPeopleThanPetitioners,
        DuplicateReference, ReferenceExists, AssignmentNeedsBoth, AssignmentNeedsAcceptance, AssignedWithoutAssignment,
    ];
}
