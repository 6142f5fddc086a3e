using Reception.Core.Organisation;

namespace Reception.Core.Imports;

/// <summary>A valid row of an org unit CSV. <see cref="Code"/> and <see cref="ParentCode"/> are normalised; a null parent means a root.</summary>
public sealed record OrgUnitImportRow(int Line, string Code, string Name, OrgUnitKind Kind, string? ParentCode);

/// <summary>All or nothing: either every row (parents before children) or every error (ordered by line).</summary>
public sealed class OrgUnitImportResult
{
    internal OrgUnitImportResult(IReadOnlyList<OrgUnitImportRow> rows, IReadOnlyList<ImportError> errors)
    {
        Rows = rows;
        Errors = errors;
    }

    public IReadOnlyList<OrgUnitImportRow> Rows { get; }
    public IReadOnlyList<ImportError> Errors { get; }
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Parses an org unit CSV: columns code (代码), name (名称), kind (类型) and the optional parent_code (上级代码).
/// A parent may be an existing unit or a unit defined anywhere in the file.
/// </summary>
public static class OrgUnitImport
{
    internal static readonly CsvColumn CodeColumn = new("code", "代码");
    internal static readonly CsvColumn NameColumn = new("name", "名称");
    internal static readonly CsvColumn KindColumn = new("kind", "类型");
    internal static readonly CsvColumn ParentColumn = new("parent_code", "上级代码", Required: false);
    private static readonly CsvColumn[] Columns = [CodeColumn, NameColumn, KindColumn, ParentColumn];

    private static readonly Dictionary<string, OrgUnitKind> KindsByLabel = BuildKinds();

    /// <param name="text">The decoded file (see <see cref="CsvText"/>).</param>
    /// <param name="existingUnitsByCode">Existing units' kinds by their (normalised) code.</param>
    public static OrgUnitImportResult Parse(string text, IReadOnlyDictionary<string, OrgUnitKind> existingUnitsByCode)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(existingUnitsByCode);

        var errors = new List<ImportError>();
        var csvRows = CsvTable.Read(text, Columns, errors);
        if (csvRows is null) return Fail(errors);

        // First pass: each row on its own. A row keeps its code and kind (when readable) so the
        // second pass can check parents even if the row has other errors.
        var rows = new List<Candidate>(csvRows.Count);
        var firstLineByCode = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var csv in csvRows)
        {
            var row = new Candidate(csv.Line);
            rows.Add(row);

            var rawCode = csv[CodeColumn];
            if (rawCode.Length == 0)
                row.Fail(ImportMessageKeys.Required, csv.Label(CodeColumn));
            else
            {
                var code = OrgUnit.NormalizeCode(rawCode);
                if (!OrgUnit.IsValidCode(code))
                    row.Fail(ImportMessageKeys.InvalidCode, ImportText.Shorten(rawCode));
                else if (existingUnitsByCode.ContainsKey(code))
                    row.Fail(ImportMessageKeys.CodeExists, code);
                else if (firstLineByCode.TryGetValue(code, out int firstLine))
                    row.Fail(ImportMessageKeys.DuplicateCodeInFile, code, firstLine);
                else
                {
                    firstLineByCode.Add(code, csv.Line);
                    row.Code = code;
                }
            }

            row.Name = csv[NameColumn];
            if (row.Name.Length == 0)
                row.Fail(ImportMessageKeys.Required, csv.Label(NameColumn));
            else if (row.Name.Length > OrgUnit.NameMaxLength)
                row.Fail(ImportMessageKeys.TooLong, csv.Label(NameColumn), OrgUnit.NameMaxLength);

            var rawKind = csv[KindColumn];
            if (rawKind.Length == 0)
                row.Fail(ImportMessageKeys.Required, csv.Label(KindColumn));
            else if (KindsByLabel.TryGetValue(rawKind, out var kind))
                row.Kind = kind;
            else
                row.Fail(ImportMessageKeys.UnknownKind, ImportText.Shorten(rawKind));

            var rawParent = csv[ParentColumn];
            if (rawParent.Length > 0)
            {
                row.ParentCode = OrgUnit.NormalizeCode(rawParent);
                if (row.ParentCode == OrgUnit.NormalizeCode(rawCode))
                {
                    row.Fail(ImportMessageKeys.OwnParent);
                    row.ParentCode = null;
                    row.ParentChecked = true;
                }
            }
        }

        // Second pass: parents.
        var byCode = rows.Where(r => r.Code is not null).ToDictionary(r => r.Code!, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.ParentChecked) continue;
            if (row.ParentCode is null)
            {
                if (row.Kind is { } k && !k.CanBeRoot()) row.Fail(ImportMessageKeys.KindNotRoot, k);
                continue;
            }
            OrgUnitKind? parentKind;
            if (existingUnitsByCode.TryGetValue(row.ParentCode, out var existingKind))
                parentKind = existingKind;
            else if (byCode.TryGetValue(row.ParentCode, out var parentRow))
            {
                parentKind = parentRow.Kind;
                row.Parent = parentRow;
            }
            else
            {
                row.Fail(ImportMessageKeys.UnitNotFound, ImportText.Shorten(row.ParentCode));
                continue;
            }
            if (row.Kind is { } kind && parentKind is { } pk && !kind.CanBeChildOf(pk))
                row.Fail(ImportMessageKeys.KindNotUnderParent, kind, pk);
        }

        // Cycles among the file's rows: report every row that lies on one.
        foreach (var row in rows)
        {
            var cycle = CycleThrough(row);
            if (cycle is not null)
                row.Fail(ImportMessageKeys.ParentCycle, string.Join(" → ", cycle));
        }

        foreach (var row in rows) errors.AddRange(row.Errors);
        if (errors.Count > 0) return Fail(errors);

        // Parents before children, otherwise in file order.
        var ordered = new List<OrgUnitImportRow>(rows.Count);
        var emitted = new HashSet<Candidate>();
        foreach (var row in rows) Emit(row);
        return new OrgUnitImportResult(ordered, []);

        void Emit(Candidate row)
        {
            if (emitted.Contains(row)) return;
            if (row.Parent is not null) Emit(row.Parent);
            emitted.Add(row);
            ordered.Add(new OrgUnitImportRow(row.Line, row.Code!, row.Name, row.Kind!.Value, row.ParentCode));
        }
    }

    /// <summary>The codes of the cycle starting and ending at <paramref name="start"/>, or null when it is on none.</summary>
    private static List<string>? CycleThrough(Candidate start)
    {
        var seen = new HashSet<Candidate>();
        var path = new List<string> { start.Code ?? "" };
        for (var r = start.Parent; r is not null; r = r.Parent)
        {
            path.Add(r.Code!);
            if (r == start) return path;
            if (!seen.Add(r)) return null; // a cycle further up, not through start
        }
        return null;
    }

    private static OrgUnitImportResult Fail(List<ImportError> errors) =>
        new([], ImportText.ByLine(errors));

    private static Dictionary<string, OrgUnitKind> BuildKinds()
    {
        var kinds = Enum.GetValues<OrgUnitKind>().ToDictionary(k => k.ToString(), StringComparer.OrdinalIgnoreCase);
        kinds.Add("省", OrgUnitKind.Province);
        kinds.Add("市", OrgUnitKind.City);
        kinds.Add("县", OrgUnitKind.County);
        kinds.Add("区", OrgUnitKind.County);
        kinds.Add("县/区", OrgUnitKind.County);
        kinds.Add("乡镇", OrgUnitKind.Township);
        kinds.Add("乡", OrgUnitKind.Township);
        kinds.Add("镇", OrgUnitKind.Township);
        kinds.Add("街道", OrgUnitKind.Street);
        kinds.Add("村", OrgUnitKind.Village);
        kinds.Add("社区", OrgUnitKind.Community);
        kinds.Add("部门", OrgUnitKind.Department);
        return kinds;
    }

    private sealed class Candidate(int line)
    {
        public int Line { get; } = line;
        public string? Code { get; set; }
        public string Name { get; set; } = "";
        public OrgUnitKind? Kind { get; set; }
        public string? ParentCode { get; set; }
        public bool ParentChecked { get; set; }
        public Candidate? Parent { get; set; }
        public List<ImportError> Errors { get; } = [];

        public void Fail(string key, params object[] args) => Errors.Add(CsvTable.Error(Line, key, args));
    }
}
