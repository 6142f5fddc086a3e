using System.Globalization;
using Reception.Core.Organisation;

namespace Reception.Core.Imports;

/// <summary>A valid row of a leader CSV. Email and phone are normalised (see <see cref="ContactRules"/>), null when blank.</summary>
public sealed record LeaderImportRow(int Line, string Name, string Title, LeadingBody Body, int OrgUnitId, int RotationOrder, string? Email, string? Phone);

/// <summary>All or nothing: either every row (in file order) or every error (ordered by line).</summary>
public sealed class LeaderImportResult
{
    internal LeaderImportResult(IReadOnlyList<LeaderImportRow> rows, IReadOnlyList<ImportError> errors)
    {
        Rows = rows;
        Errors = errors;
    }

    public IReadOnlyList<LeaderImportRow> Rows { get; }
    public IReadOnlyList<ImportError> Errors { get; }
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Parses a leader CSV: columns name (姓名), title (职务), leading_body (班子), org_code (单位代码),
/// rotation_order (排序) and the optional email (邮箱) and phone (电话).
/// </summary>
public static class LeaderImport
{
    public const int MinRotationOrder = 1;
    public const int MaxRotationOrder = 9999;

    internal static readonly CsvColumn NameColumn = new("name", "姓名");
    internal static readonly CsvColumn TitleColumn = new("title", "职务");
    internal static readonly CsvColumn BodyColumn = new("leading_body", "班子");
    internal static readonly CsvColumn OrgColumn = new("org_code", "单位代码");
    internal static readonly CsvColumn OrderColumn = new("rotation_order", "排序");
    internal static readonly CsvColumn EmailColumn = new("email", "邮箱", Required: false);
    internal static readonly CsvColumn PhoneColumn = new("phone", "电话", Required: false);
    private static readonly CsvColumn[] Columns = [NameColumn, TitleColumn, BodyColumn, OrgColumn, OrderColumn, EmailColumn, PhoneColumn];

    private static readonly Dictionary<string, LeadingBody> BodiesByLabel = BuildBodies();

    /// <param name="text">The decoded file (see <see cref="CsvText"/>).</param>
    /// <param name="orgUnitIdsByCode">Existing units' ids by their (normalised) code.</param>
    public static LeaderImportResult Parse(string text, IReadOnlyDictionary<string, int> orgUnitIdsByCode)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(orgUnitIdsByCode);

        var errors = new List<ImportError>();
        var csvRows = CsvTable.Read(text, Columns, errors);
        if (csvRows is null) return Fail(errors);

        var rows = new List<LeaderImportRow>(csvRows.Count);
        foreach (var csv in csvRows)
        {
            int errorCount = errors.Count;
            void Error(string key, params object[] args) => errors.Add(CsvTable.Error(csv.Line, key, args));

            var name = Text(csv, NameColumn, Leader.NameMaxLength, Error);
            var title = Text(csv, TitleColumn, Leader.TitleMaxLength, Error);

            LeadingBody body = default;
            var rawBody = csv[BodyColumn];
            if (rawBody.Length == 0)
                Error(ImportMessageKeys.Required, csv.Label(BodyColumn));
            else if (!BodiesByLabel.TryGetValue(rawBody, out body))
                Error(ImportMessageKeys.UnknownLeadingBody, ImportText.Shorten(rawBody));

            int orgUnitId = 0;
            var rawOrg = csv[OrgColumn];
            if (rawOrg.Length == 0)
                Error(ImportMessageKeys.Required, csv.Label(OrgColumn));
            else if (!orgUnitIdsByCode.TryGetValue(OrgUnit.NormalizeCode(rawOrg), out orgUnitId))
                Error(ImportMessageKeys.UnitNotFound, ImportText.Shorten(rawOrg));

            int order = 0;
            var rawOrder = csv[OrderColumn];
            if (rawOrder.Length == 0)
                Error(ImportMessageKeys.Required, csv.Label(OrderColumn));
            else if (!int.TryParse(rawOrder, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out order)
                     || order < MinRotationOrder || order > MaxRotationOrder)
                Error(ImportMessageKeys.NotAnIntegerInRange, csv.Label(OrderColumn), ImportText.Shorten(rawOrder), MinRotationOrder, MaxRotationOrder);

            var email = ContactRules.NormalizeEmail(csv[EmailColumn]);
            if (ContactRules.ValidateEmail(csv[EmailColumn]) is { } emailError)
                errors.Add(new ImportError(csv.Line, emailError));

            var phone = ContactRules.NormalizePhone(csv[PhoneColumn]);
            if (ContactRules.ValidatePhone(csv[PhoneColumn]) is { } phoneError)
                errors.Add(new ImportError(csv.Line, phoneError));

            if (errors.Count == errorCount)
                rows.Add(new LeaderImportRow(csv.Line, name, title, body, orgUnitId, order, email, phone));
        }

        return errors.Count > 0 ? Fail(errors) : new LeaderImportResult(rows, []);
    }

    private static string Text(CsvRow csv, CsvColumn column, int maxLength, Action<string, object[]> error)
    {
        var value = csv[column];
        if (value.Length == 0) error(ImportMessageKeys.Required, [csv.Label(column)]);
        else if (value.Length > maxLength) error(ImportMessageKeys.TooLong, [csv.Label(column), maxLength]);
        return value;
    }

    private static LeaderImportResult Fail(List<ImportError> errors) => new([], ImportText.ByLine(errors));

    private static Dictionary<string, LeadingBody> BuildBodies()
    {
        var bodies = Enum.GetValues<LeadingBody>().ToDictionary(b => b.ToString(), StringComparer.OrdinalIgnoreCase);
        bodies.Add("党委", LeadingBody.PartyCommittee);
        bodies.Add("人大", LeadingBody.PeoplesCongress);
        bodies.Add("政府", LeadingBody.Government);
        bodies.Add("政协", LeadingBody.PoliticalConsultative);
        return bodies;
    }
}
