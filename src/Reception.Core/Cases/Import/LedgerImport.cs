using System.Globalization;
using Reception.Core.Common;

namespace Reception.Core.Cases.Import;

/// <summary>What the import may name, in the importer's scope, and what is already there.</summary>
/// <param name="Channels">A channel's label or name → the channel (case-insensitive).</param>
/// <param name="Categories">A category's name or code → its code.</param>
/// <param name="Units">A handling unit's name or code in the importer's area → its id.</param>
/// <param name="Leaders">A leader's name → the ids of the leaders in the importer's area with that name.</param>
/// <param name="ExistingReferences">External references already on the office's cases → the case number.</param>
/// <param name="Today">The office's today (Asia/Shanghai).</param>
public sealed record LedgerLookups(
    IReadOnlyDictionary<string, Channel> Channels,
    IReadOnlyDictionary<string, string> Categories,
    IReadOnlyDictionary<string, int> Units,
    IReadOnlyDictionary<string, IReadOnlyList<int>> Leaders,
    IReadOnlyDictionary<string, string> ExistingReferences,
    DateOnly Today);

/// <summary>A problem of one row; <see cref="Column"/> is the file's column (0-based) it is about, or -1 for the row.</summary>
public sealed record LedgerProblem(int Column, LocalizableMessage Message);

public sealed record LedgerPetitioner(string Name, string? IdentityNumber, string? Phone, string? Address, string? HouseholdLocality);

/// <summary>A row that can be imported: everything a case is registered (and accepted, assigned) with.</summary>
public sealed record LedgerCase(
    string? ExternalReference,
    DateOnly ReceivedOn,
    Channel Channel,
    IReadOnlyList<LedgerPetitioner> Petitioners,
    int NumberOfPeople,
    string CategoryCode,
    string Summary,
    string? Content,
    int? HandlingUnitId,
    int? OwnerLeaderId,
    DateOnly? AcceptedOn,
    DateOnly? AssignedOn);

/// <summary>One row of the file (<see cref="Row"/>: its row number as a spreadsheet shows it, the header being row 1).</summary>
public sealed record LedgerRow(int Row, IReadOnlyList<string> Values, LedgerCase? Case, IReadOnlyList<LedgerProblem> Problems);

/// <summary>Every row checked; the file can be imported only when no row has a problem (all or nothing).</summary>
public sealed record LedgerCheck(IReadOnlyList<LedgerRow> Rows)
{
    public int ProblemCount => Rows.Sum(r => r.Problems.Count);
    public int RowsWithProblems => Rows.Count(r => r.Problems.Count > 0);
    public bool Succeeded => Rows.Count > 0 && ProblemCount == 0;
}

/// <summary>
/// The rules of bringing an office's old ledger (台账) in: each row of the file, through the mapping, becomes a case to
/// register — or a list of problems, each naming the column it is about. Petitioners: several names in one cell are
/// separated by 、，,；; (the export of this app writes 、), and their ID numbers, phones and addresses by ； in the same order.
/// </summary>
public static class LedgerImport
{
    public const int MaxRows = 5_000;
    public const int MaxColumns = 100;
    public const int ExternalReferenceMaxLength = 50;
    public const int MaxPeople = 10_000;
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    private static readonly char[] NameSeparators = ['、', '，', ',', '；', ';', '\n'];
    private static readonly char[] PartSeparators = ['；', ';', '\n'];

    public static LedgerCheck Check(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, LedgerMapping mapping, LedgerLookups lookups)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(lookups);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var result = new List<LedgerRow>(rows.Count);
        for (int i = 0; i < rows.Count; i++)
            result.Add(CheckRow(i + 2, headers, rows[i], mapping, lookups, seen));
        return new LedgerCheck(result);
    }

    private static LedgerRow CheckRow(int rowNumber, IReadOnlyList<string> headers, IReadOnlyList<string> values, LedgerMapping mapping,
        LedgerLookups lookups, Dictionary<string, int> seen)
    {
        var problems = new List<LedgerProblem>();
        string Value(LedgerField f) => mapping.ColumnOf(f) is >= 0 and var c && c < values.Count ? (values[c] ?? "").Trim() : "";
        string Header(LedgerField f) => mapping.ColumnOf(f) is >= 0 and var c && c < headers.Count ? headers[c] : "";
        void Problem(LedgerField f, string key, params object[] args) => problems.Add(new LedgerProblem(mapping.ColumnOf(f), new LocalizableMessage(key, [Header(f), .. args])));

        // The old number.
        string? reference = Value(LedgerField.ExternalReference) is { Length: > 0 } r ? r : null;
        if (reference is not null)
        {
            if (reference.Length > ExternalReferenceMaxLength) Problem(LedgerField.ExternalReference, LedgerImportMessages.TooLong, ExternalReferenceMaxLength);
            else if (seen.TryGetValue(reference, out var first)) Problem(LedgerField.ExternalReference, LedgerImportMessages.DuplicateReference, Shorten(reference), first);
            else if (lookups.ExistingReferences.TryGetValue(reference, out var number)) Problem(LedgerField.ExternalReference, LedgerImportMessages.ReferenceExists, Shorten(reference), number);
            seen.TryAdd(reference, rowNumber);
        }

        // Dates.
        DateOnly? Date(LedgerField f, bool required)
        {
            var text = Value(f);
            if (text.Length == 0)
            {
                if (required) Problem(f, LedgerImportMessages.Required);
                return null;
            }
            if (!LedgerDates.TryParse(text, out var d))
            {
                Problem(f, LedgerImportMessages.NotADate, Shorten(text));
                return null;
            }
            if (d > lookups.Today) Problem(f, LedgerImportMessages.DateInFuture, Iso(d));
            else if (d < EarliestDate) Problem(f, LedgerImportMessages.DateTooEarly, Iso(d), Iso(EarliestDate));
            else return d;
            return null;
        }
        var received = Date(LedgerField.ReceivedOn, required: true);
        var accepted = Date(LedgerField.AcceptedOn, required: false);
        var assigned = Date(LedgerField.AssignedOn, required: false);
        if (received is { } rv && accepted is { } ac && ac < rv)
        {
            Problem(LedgerField.AcceptedOn, LedgerImportMessages.DateBeforeReceived, Iso(ac), Iso(rv));
            accepted = null;
        }
        if (assigned is { } asg && (accepted ?? received) is { } from && asg < from)
        {
            Problem(LedgerField.AssignedOn, accepted is null ? LedgerImportMessages.DateBeforeReceived : LedgerImportMessages.AssignedBeforeAccepted, Iso(asg), Iso(from));
        }

        // Channel (blank: 来访, the commonest).
        var channel = Channel.Visit;
        var channelText = Value(LedgerField.Channel);
        if (channelText.Length > 0 && !lookups.Channels.TryGetValue(channelText, out channel))
            Problem(LedgerField.Channel, LedgerImportMessages.UnknownChannel, Shorten(channelText));

        // Petitioners.
        var petitioners = Petitioners(Value, Problem, lookups.Today);

        // People.
        var people = petitioners.Count;
        var peopleText = Value(LedgerField.NumberOfPeople);
        if (peopleText.Length > 0)
        {
            if (!int.TryParse(peopleText, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                && !(double.TryParse(peopleText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var dn) && dn == Math.Floor(dn) && dn <= MaxPeople && (n = (int)dn) > 0))
                n = 0;
            if (n < 1 || n > MaxPeople) Problem(LedgerField.NumberOfPeople, LedgerImportMessages.NotAPeopleCount, Shorten(peopleText));
            else if (n < petitioners.Count) Problem(LedgerField.NumberOfPeople, LedgerImportMessages.FewerPeopleThanPetitioners, n, petitioners.Count);
            else people = n;
        }

        // Category.
        string? category = null;
        var categoryText = Value(LedgerField.Category);
        if (categoryText.Length == 0) Problem(LedgerField.Category, LedgerImportMessages.Required);
        else if (!lookups.Categories.TryGetValue(categoryText, out category)) Problem(LedgerField.Category, LedgerImportMessages.UnknownCategory, Shorten(categoryText));

        // Summary and content: a summary too long for the field keeps its whole text as the content when there is none.
        var summary = Value(LedgerField.Summary);
        string? content = Value(LedgerField.Content) is { Length: > 0 } ct ? ct : null;
        if (summary.Length == 0) Problem(LedgerField.Summary, LedgerImportMessages.Required);
        else if (summary.Length > PetitionCase.SummaryMaxLength)
        {
            if (content is null)
            {
                content = summary;
                summary = summary[..(PetitionCase.SummaryMaxLength - 1)] + "…";
            }
            else Problem(LedgerField.Summary, LedgerImportMessages.TooLong, PetitionCase.SummaryMaxLength);
        }
        if (content is not null && content.Length > PetitionCase.ContentMaxLength)
            Problem(mapping.Has(LedgerField.Content) ? LedgerField.Content : LedgerField.Summary, LedgerImportMessages.TooLong, PetitionCase.ContentMaxLength);

        // Assignment (交办): leader and unit together, on a case that was accepted.
        int? unitId = null;
        var unitText = Value(LedgerField.HandlingUnit);
        if (unitText.Length > 0)
        {
            if (lookups.Units.TryGetValue(unitText, out var u)) unitId = u;
            else Problem(LedgerField.HandlingUnit, LedgerImportMessages.UnknownUnit, Shorten(unitText));
        }
        int? leaderId = null;
        var leaderText = Value(LedgerField.OwnerLeader);
        if (leaderText.Length > 0)
        {
            if (!lookups.Leaders.TryGetValue(leaderText, out var ids) || ids.Count == 0) Problem(LedgerField.OwnerLeader, LedgerImportMessages.UnknownLeader, Shorten(leaderText));
            else if (ids.Count > 1) Problem(LedgerField.OwnerLeader, LedgerImportMessages.AmbiguousLeader, Shorten(leaderText));
            else leaderId = ids[0];
        }
        var assigning = unitText.Length > 0 || leaderText.Length > 0;
        if (assigning)
        {
            if (unitText.Length == 0) problems.Add(new LedgerProblem(mapping.ColumnOf(LedgerField.HandlingUnit), new LocalizableMessage(LedgerImportMessages.AssignmentNeedsBoth, HeaderOr(Header(LedgerField.HandlingUnit), LedgerField.HandlingUnit))));
            if (leaderText.Length == 0) problems.Add(new LedgerProblem(mapping.ColumnOf(LedgerField.OwnerLeader), new LocalizableMessage(LedgerImportMessages.AssignmentNeedsBoth, HeaderOr(Header(LedgerField.OwnerLeader), LedgerField.OwnerLeader))));
            if (Value(LedgerField.AcceptedOn).Length == 0)
                problems.Add(new LedgerProblem(mapping.ColumnOf(LedgerField.AcceptedOn), new LocalizableMessage(LedgerImportMessages.AssignmentNeedsAcceptance, HeaderOr(Header(LedgerField.AcceptedOn), LedgerField.AcceptedOn))));
        }
        else if (Value(LedgerField.AssignedOn).Length > 0)
        {
            Problem(LedgerField.AssignedOn, LedgerImportMessages.AssignedWithoutAssignment);
        }

        var cells = Enumerable.Range(0, mapping.Count).Select(c => c < values.Count ? values[c] ?? "" : "").ToList();
        if (problems.Count > 0) return new LedgerRow(rowNumber, cells, null, problems);
        return new LedgerRow(rowNumber, cells, new LedgerCase(reference, received!.Value, channel, petitioners, people, category!, summary, content,
            unitId, leaderId, accepted, assigning ? assigned ?? accepted : null), problems);
    }

    /// <summary>A header for a message about a field no column fills: the field itself (shown by its label).</summary>
    private static object HeaderOr(string header, LedgerField field) => header.Length > 0 ? header : field;

    private static List<LedgerPetitioner> Petitioners(Func<LedgerField, string> value, Action<LedgerField, string, object[]> problem, DateOnly today)
    {
        var names = Split(value(LedgerField.PetitionerName), NameSeparators);
        if (names.Count == 0)
        {
            problem(LedgerField.PetitionerName, LedgerImportMessages.Required, []);
            return [];
        }
        if (names.Any(n => n.Length > CasePetitioner.NameMaxLength))
            problem(LedgerField.PetitionerName, LedgerImportMessages.TooLong, [CasePetitioner.NameMaxLength]);

        List<string?> Parts(LedgerField f, char[] separators, int max)
        {
            var parts = Positions(value(f), separators);
            if (parts.Count > names.Count)
            {
                problem(f, LedgerImportMessages.MorePartsThanNames, [parts.Count, names.Count]);
                return [];
            }
            if (parts.Any(p => p.Length > max)) problem(f, LedgerImportMessages.TooLong, [max]);
            return [.. parts.Select(p => p.Length == 0 ? null : p)];
        }
        // ID numbers and phones may also be separated like names (they hold no commas).
        var ids = Parts(LedgerField.IdentityNumber, NameSeparators, 40);
        var phones = Parts(LedgerField.Phone, NameSeparators, CasePetitioner.PhoneMaxLength);
        var addresses = Parts(LedgerField.Address, PartSeparators, CasePetitioner.AddressMaxLength);
        var localities = Parts(LedgerField.HouseholdLocality, PartSeparators, CasePetitioner.LocalityMaxLength);

        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids.OfType<string>())
        {
            if (IdentityNumber.Validate(id, today) is { } error) problem(LedgerField.IdentityNumber, LedgerImportMessages.InvalidIdentityNumber, [Shorten(id), error]);
            else if (!seenIds.Add(IdentityNumber.Normalize(id)!)) problem(LedgerField.IdentityNumber, LedgerImportMessages.SameIdentityNumberTwice, []);
        }
        foreach (var phone in phones.OfType<string>().Where(p => PhoneNumbers.Normalize(p) is null))
            problem(LedgerField.Phone, LedgerImportMessages.InvalidPhone, [Shorten(phone)]);

        static string? At(List<string?> list, int i) => i < list.Count ? list[i] : null;
        return [.. names.Select((n, i) => new LedgerPetitioner(n, At(ids, i), At(phones, i) is { } p ? PhoneNumbers.Normalize(p) ?? p : null, At(addresses, i), At(localities, i)))];
    }

    /// <summary>The non-empty parts of a cell, trimmed.</summary>
    private static List<string> Split(string text, char[] separators) =>
        [.. text.Split(separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>The parts of a cell by position (an empty part keeps its place: "；13800000000" is the second petitioner's), trailing empty parts dropped.</summary>
    private static List<string> Positions(string text, char[] separators)
    {
        var parts = text.Split(separators, StringSplitOptions.TrimEntries).ToList();
        while (parts.Count > 0 && parts[^1].Length == 0) parts.RemoveAt(parts.Count - 1);
        return parts;
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..39] + "…";
}
