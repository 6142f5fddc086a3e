using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;
using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Web.Data.PersonalData;
using Reception.Web.Data.Search;

namespace Reception.Web.Features.Cases;

/// <summary>How the case list is ordered (<c>sort</c>: received, -received (default), due, number).</summary>
public enum CaseSort
{
    ReceivedNewest = 0,
    ReceivedOldest = 1,
    DueSoonest = 2,
    Number = 3,
}

/// <summary>Why a filter value was ignored.</summary>
public enum CaseFilterProblem
{
    /// <summary>Not a value of that parameter (a misspelt state, a date that is not yyyy-MM-dd …).</summary>
    Invalid = 0,

    /// <summary>The end date is before the start date.</summary>
    Reversed = 1,

    /// <summary>Well formed, but no such category, or no such unit in the user's scope.</summary>
    Unknown = 2,
}

/// <summary>A query-string value the list could not use: the parameter and what was sent. The page says so and ignores it.</summary>
public sealed record CaseFilterError(string Parameter, string Value, CaseFilterProblem Problem = CaseFilterProblem.Invalid);

/// <summary>One row of a case list: only the columns the lists show.</summary>
public sealed record CaseListRow(
    int Id,
    CaseNumber Number,
    DateOnly ReceivedOn,
    string CategoryCode,
    string? CategoryName,
    string Summary,
    CaseState State,
    SupervisionColour? Colour,
    DateOnly? DueOn,
    int? OwnerLeaderId,
    string? OwnerLeader,
    int? ReceivedByLeaderId,
    int? HandlingUnitId,
    string? HandlingUnit,
    int? TransferredToUnitId,
    CaseFlags Flags,
    DateTime? ClosedAtUtc,
    string? OwningUnitPath = null)
{
    public bool IsOpen => PetitionCase.IsOpenState(State);
    public bool IsFinal => PetitionCase.IsFinalState(State);
}

/// <summary>
/// The case list's filter, read from the query string. Other pages link to <c>/Cases</c> with these parameter names:
/// <c>state</c> (a <see cref="CaseState"/> name), <c>open</c> (true = not final and not replied), <c>colour</c>
/// (a <see cref="SupervisionColour"/> name), <c>category</c> (a code; its child categories count too), <c>township</c>
/// (an org unit id: cases registered at, handled by or transferred to it or a unit below it), <c>leader</c> (owning leader
/// id), <c>unit</c> (handling unit id), <c>flag</c> (one <see cref="CaseFlags"/> name), <c>from</c> / <c>to</c> (received
/// date, yyyy-MM-dd), <c>q</c> (the search box: a case-number prefix, an ID number, a phone, or words of the texts and names — see <see cref="MatchTextAsync"/>), <c>sort</c>
/// (received, -received (default), due, number) and <c>page</c>. A value that cannot be used is reported in
/// <see cref="Errors"/> and ignored.
/// <para>Applied to <c>db.Cases.VisibleTo(db, scope)</c>, the whole filter is one SQL query on indexed columns (received
/// date, owner, handling unit, colour, category, number), then one page of 50 with the names joined in.</para>
/// </summary>
public sealed partial record CaseListQuery
{
    public const int PageSize = Paging.DefaultPageSize;

    /// <summary>
    /// Totals are counted up to this many cases: counting every row of a province's million cases on each page would cost
    /// more than the page itself; beyond it the pager says "more than 10,000".
    /// </summary>
    public const int CountCap = 10_000;

    /// <summary>
    /// With a search, totals are counted up to this many (the pager says "more than 1,000"): the count has to look at every
    /// match up to the cap, and a broad word (工资: 62,000 cases) in a category costs PostgreSQL a fetch of each of its index
    /// rows until then. Pages go on past the cap (<see cref="PageAsync"/>).
    /// </summary>
    public const int SearchCountCap = 1_000;

    public const int TextMaxLength = 100;

    /// <summary>This list's total is counted up to this: <see cref="SearchCountCap"/> with a search, else <see cref="CountCap"/>.</summary>
    public int CountLimit
    {
        get => countLimit ?? (Text is null ? CountCap : SearchCountCap);
        init => countLimit = value;
    }

    private readonly int? countLimit;

    public static readonly IReadOnlyList<(string Value, CaseSort Sort)> Sorts =
        [("-received", CaseSort.ReceivedNewest), ("received", CaseSort.ReceivedOldest), ("due", CaseSort.DueSoonest), ("number", CaseSort.Number)];

    /// <summary>The single flags a list can filter on (None and combinations are not filters).</summary>
    public static readonly IReadOnlyList<CaseFlags> SingleFlags =
        [.. Enum.GetValues<CaseFlags>().Where(f => f != CaseFlags.None && ((int)f & ((int)f - 1)) == 0)];

    public CaseState? State { get; init; }
    public bool? Open { get; init; }
    public SupervisionColour? Colour { get; init; }
    public string? Category { get; init; }
    public int? Township { get; init; }
    public int? Leader { get; init; }
    public int? Unit { get; init; }
    public CaseFlags? Flag { get; init; }

    /// <summary><c>evaluation</c>: the petitioner's evaluation (an <see cref="Reception.Core.Cases.Evaluation"/> name).</summary>
    public Evaluation? Evaluation { get; init; }

    /// <summary><c>replied-from</c>: the written reply dated on or after (yyyy-MM-dd).</summary>
    public DateOnly? RepliedFrom { get; init; }

    /// <summary><c>appealed</c>: whether a 复查/复核 has been filed against the case.</summary>
    public bool? Appealed { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? Text { get; init; }
    public CaseSort Sort { get; init; }
    public int Page { get; init; } = 1;

    public IReadOnlyList<CaseFilterError> Errors { get; init; } = [];

    /// <summary>Whether any filter (not sort or page) is set.</summary>
    public bool IsFiltered => State is not null || Open is not null || Colour is not null || Category is not null || Township is not null
                              || Leader is not null || Unit is not null || Flag is not null || From is not null || To is not null || Text is not null
                              || Evaluation is not null || RepliedFrom is not null || Appealed is not null;

    public string SortValue => Sorts.First(s => s.Sort == Sort).Value;

    // ------------------------------------------------------------------ parsing

    /// <summary>Reads the filter; every unusable value becomes an <see cref="Errors"/> entry and is left out.</summary>
    public static CaseListQuery Parse(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var values = query.ToDictionary(p => p.Key, p => p.Value.FirstOrDefault()?.Trim(), StringComparer.OrdinalIgnoreCase);
        var errors = new List<CaseFilterError>();

        string? Raw(string name) => values.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : null;

        T? Parsed<T>(string name, Func<string, T?> parse) where T : struct
        {
            if (Raw(name) is not { } raw) return null;
            if (parse(raw) is { } value) return value;
            errors.Add(new CaseFilterError(name, raw));
            return null;
        }

        var from = Parsed("from", ParseDate);
        var to = Parsed("to", ParseDate);
        if (from is { } f && to is { } t && f > t)
        {
            errors.Add(new CaseFilterError("to", Raw("to")!, CaseFilterProblem.Reversed));
            to = null;
        }

        string? category = null;
        if (Raw("category") is { } code)
        {
            if (CaseCategory.IsValidCode(code)) category = code.ToLowerInvariant();
            else errors.Add(new CaseFilterError("category", code));
        }

        string? text = null;
        if (Raw("q") is { } q)
        {
            if (q.Length <= TextMaxLength) text = q;
            else errors.Add(new CaseFilterError("q", q[..20] + "…"));
        }

        var sort = CaseSort.ReceivedNewest;
        if (Raw("sort") is { } sortText)
        {
            var match = Sorts.FirstOrDefault(s => string.Equals(s.Value, sortText, StringComparison.OrdinalIgnoreCase));
            if (match.Value is null) errors.Add(new CaseFilterError("sort", sortText));
            else sort = match.Sort;
        }

        return new CaseListQuery
        {
            State = Parsed("state", EnumName<CaseState>),
            Open = Parsed("open", ParseBool),
            Colour = Parsed("colour", EnumName<SupervisionColour>),
            Category = category,
            Township = Parsed("township", ParseId),
            Leader = Parsed("leader", ParseId),
            Unit = Parsed("unit", ParseId),
            Flag = Parsed<CaseFlags>("flag", s => EnumName<CaseFlags>(s) is { } flag && SingleFlags.Contains(flag) ? flag : null),
            Evaluation = Parsed("evaluation", EnumName<Evaluation>),
            RepliedFrom = Parsed<DateOnly>("replied-from", s => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null),
            Appealed = Parsed("appealed", ParseBool),
            From = from,
            To = to,
            Text = text,
            Sort = sort,
            Page = Parsed("page", ParseId) ?? 1,
            Errors = errors,
        };
    }

    /// <summary>The query-string parameters of this filter (for links: pager, CSV, sort), without the page.</summary>
    public Dictionary<string, string> RouteValues()
    {
        var d = new Dictionary<string, string>();
        void Add(string key, object? value)
        {
            if (value is not null) d[key] = value switch
            {
                DateOnly date => DateText.Of(date),
                bool b => b ? "true" : "false",
                IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString()!,
            };
        }

        Add("state", State);
        Add("open", Open);
        Add("colour", Colour);
        Add("category", Category);
        Add("township", Township);
        Add("leader", Leader);
        Add("unit", Unit);
        Add("flag", Flag);
        Add("evaluation", Evaluation);
        Add("replied-from", RepliedFrom);
        Add("appealed", Appealed);
        Add("from", From);
        Add("to", To);
        Add("q", Text);
        if (Sort != CaseSort.ReceivedNewest) d["sort"] = SortValue;
        return d;
    }

    private static T? EnumName<T>(string text) where T : struct, Enum =>
        Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } name ? Enum.Parse<T>(name) : null;

    private static bool? ParseBool(string text) => text.ToLowerInvariant() switch
    {
        "true" or "1" or "on" or "yes" => true,
        "false" or "0" or "off" or "no" => false,
        _ => null,
    };

    private static int? ParseId(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : null;

    private static DateOnly? ParseDate(string text) =>
        DateText.TryParse(text, out var d) ? d : null;

    // ------------------------------------------------------------------ applying

    /// <summary>
    /// Narrows <paramref name="cases"/> (already <c>VisibleTo</c> the user) by the filter. Looks up the township's path and
    /// the category's children first (small tables); a township that does not exist in the user's scope is reported in the
    /// returned errors and ignored.
    /// </summary>
    public async Task<(IQueryable<PetitionCase> Cases, IReadOnlyList<CaseFilterError> Errors)> ApplyAsync(
        IQueryable<PetitionCase> cases, AppDbContext db, UserScope scope, CancellationToken ct = default)
    {
        var errors = new List<CaseFilterError>(Errors);
        if (State is { } state) cases = cases.Where(c => c.State == state);
        if (Open is { } open)
        {
            cases = cases.Where(CaseStates.In(open ? CaseStates.Open : CaseStates.NotOpen));
        }

        if (Colour is { } colour) cases = cases.Where(c => c.Colour == colour);
        if (Category is { } category)
        {
            var codes = await CategoryWithChildrenAsync(db, category, ct);
            if (codes.Count == 0) errors.Add(new CaseFilterError("category", category, CaseFilterProblem.Unknown));
            else if (codes.Count == 1) cases = cases.Where(c => c.CategoryCode == category);
            else cases = cases.Where(c => codes.Contains(c.CategoryCode));
        }

        if (Township is { } townshipId)
        {
            var path = await db.OrgUnits.AsNoTracking().VisibleTo(scope).Where(o => o.Id == townshipId).Select(o => o.Path).FirstOrDefaultAsync(ct);
            if (path is null)
            {
                errors.Add(new CaseFilterError("township", townshipId.ToString(CultureInfo.InvariantCulture), CaseFilterProblem.Unknown));
            }
            else
            {
                var units = db.OrgUnits.Where(o => o.Path.StartsWith(path)).Select(o => o.Id);
                cases = cases.Where(c => units.Contains(c.OrgUnitId)
                                         || (c.HandlingUnitId != null && units.Contains(c.HandlingUnitId.Value))
                                         || (c.TransferredToUnitId != null && units.Contains(c.TransferredToUnitId.Value)));
            }
        }

        if (Leader is { } leader) cases = cases.Where(c => c.OwnerLeaderId == leader);
        if (Unit is { } unit) cases = cases.Where(c => c.HandlingUnitId == unit);
        if (Flag is { } flag) cases = cases.Where(c => (c.Flags & flag) == flag);
        if (Evaluation is { } evaluation) cases = cases.Where(c => c.Evaluation == evaluation);
        if (RepliedFrom is { } repliedFrom) cases = cases.Where(c => c.ReplyDate >= repliedFrom);
        if (Appealed is { } appealed) cases = cases.Where(c => c.IsAppealed == appealed);
        if (From is { } from) cases = cases.Where(c => c.ReceivedOn >= from);
        if (To is { } to) cases = cases.Where(c => c.ReceivedOn <= to);
        counted = null;
        if (Text is { } text)
        {
            var (listed, countForm) = await MatchTextAsync(cases, db, text, ct);
            if (countForm is not null) counted = (listed, countForm);
            cases = listed;
        }

        return (cases, errors);
    }

    /// <summary>
    /// The one search box (issue 17 item 1). An ID number (15 digits, or 17 and a check character) finds the cases of the
    /// petitioners with that number and a phone number those with that phone — both through the blind indexes, never the
    /// clear value (<see cref="CasePetitionerProtection"/>). Anything else finds the cases whose number starts with it ("qingshan-2026-00":
    /// letters, digits and hyphens only) and the cases whose summary, content, progress entries, replies or petitioners' names
    /// hold every word of it (Chinese without spaces included: the character-bigram index of <see cref="CaseSearchIndex"/>).
    /// <para>On SQLite, a search that matches many cases (more than <see cref="BroadSearch"/> in the index) is written so that
    /// SQLite cannot start from the matching ids (<c>"Id" + 0 IN (…)</c>): it would fetch and sort every one of them. It then
    /// walks the cases in the list's order, or the user's scope, and tests each against the ids instead (SQLite has no
    /// statistics on an FTS5 table to choose so itself). PostgreSQL: <see cref="MatchPostgresAsync"/>.</para>
    /// </summary>
    private static async Task<(IQueryable<PetitionCase> Listed, IQueryable<PetitionCase>? Counted)> MatchTextAsync(IQueryable<PetitionCase> cases,
        AppDbContext db, string text, CancellationToken ct)
    {
        if (db.Database.IsNpgsql()) return (await MatchPostgresAsync(cases, db, text, ct), null);
        var ids = MatchingIds(db, text, out var terms);
        if (ids is null) return (cases.Where(c => false), null);
        var fromIds = cases.Where(c => ids.Contains(c.Id));
        if (terms is null) return (fromIds, null);
        var hits = await CaseSearchIndex.CountAsync(db, terms, CountCap + 2, ct);
        if (hits <= BroadSearch) return (fromIds, null);
        var walked = cases.Where(c => ids.Contains(c.Id + 0));
        // The count stops at CountCap + 1: from the ids while there are no more than that (each is looked at once), else walked.
        return (walked, hits <= CountCap + 1 ? fromIds : walked);
    }

    /// <summary>
    /// PostgreSQL (issue 18 item 2): the same matches, written so that the planner can choose its plan from its statistics —
    /// from the GIN index's ids for a rare word, from the user's scope (probing <c>PK_CaseSearch</c> per case) for a county,
    /// walking <c>IX_Cases_ReceivedOn</c> for a frequent word. Two things stood in its way. (1) The old ledger's reference
    /// (<c>ExternalReference</c>) was a <c>UNION</c> with the index's ids, which PostgreSQL can only compute whole and hash
    /// (every one of 62,000 工资 cases fetched to list a county's 872): it is looked up first (one index probe) and left out
    /// when no case has it — nearly always. (2) Words of several bigrams (污水直排: 污水 &amp; 水直 &amp; 直排) are estimated as
    /// independent terms, so PostgreSQL expected 250 cases where 62,900 match and fetched and sorted all of them: when the index
    /// holds more than <see cref="BroadSearch"/> of them, the index is asked for the rarest bigram only (estimated from its
    /// statistics) and the whole query is checked with <c>ts_match_vq</c>, the function behind <c>@@</c>, which the planner
    /// does not estimate from the bigrams' frequencies (<see cref="CaseSearchIndex.MatchingBroadAsync"/>).
    /// </summary>
    private static async Task<IQueryable<PetitionCase>> MatchPostgresAsync(IQueryable<PetitionCase> cases, AppDbContext db, string text, CancellationToken ct)
    {
        var trimmed = text.Trim();
        var compact = IdentityNumber.Normalize(trimmed);
        if (IdentityShape().IsMatch(compact) || PhoneNumbers.Normalize(text) is not null || NumberPrefix().IsMatch(trimmed.ToLowerInvariant()))
        {
            return MatchingIds(db, text) is { } any ? cases.Where(c => any.Contains(c.Id)) : cases.Where(c => false);
        }

        IQueryable<int>? ids = null;
        if (trimmed.Length is > 0 and <= Reception.Core.Cases.Import.LedgerImport.ExternalReferenceMaxLength
            && await db.Cases.AnyAsync(c => c.ExternalReference == trimmed, ct))
        {
            ids = db.Cases.Where(c => c.ExternalReference == trimmed).Select(c => c.Id);
        }

        if (SearchTerms.Query(text) is { Count: > 0 } terms)
        {
            var words = CaseSearchIndex.Matching(db, terms);
            if (terms.Count > 1 && await CaseSearchIndex.CountAsync(db, terms, BroadSearch + 1, ct) > BroadSearch)
            {
                words = await CaseSearchIndex.MatchingBroadAsync(db, terms, ct);
            }

            ids = ids is null ? words : ids.Union(words);
        }

        return ids is null ? cases.Where(c => false) : cases.Where(c => ids.Contains(c.Id));
    }

    /// <summary>Above this many matching cases a search is broad (see <see cref="MatchTextAsync"/>).</summary>
    public const int BroadSearch = 2_000;

    /// <summary>The last <see cref="ApplyAsync"/>'s result and the same cases written for counting, when they differ.</summary>
    private (IQueryable<PetitionCase> Listed, IQueryable<PetitionCase> Counted)? counted;

    /// <summary>The ids of the cases <paramref name="text"/> finds (see <see cref="MatchTextAsync"/>); null when it can find none.</summary>
    public static IQueryable<int>? MatchingIds(AppDbContext db, string text) => MatchingIds(db, text, out _);

    private static IQueryable<int>? MatchingIds(AppDbContext db, string text, out IReadOnlyList<string>? wordTerms)
    {
        wordTerms = null;
        var compact = IdentityNumber.Normalize(text.Trim());
        if (IdentityShape().IsMatch(compact))
        {
            return db.CasePetitioners.WithIdentityNumber(db.PersonalData, [compact]).Select(p => EF.Property<int>(p, "PetitionCaseId"));
        }

        if (PhoneNumbers.Normalize(text) is not null)
        {
            return db.CasePetitioners.WithPhone(db.PersonalData, text).Select(p => EF.Property<int>(p, "PetitionCaseId"));
        }

        IQueryable<int>? ids = null;
        var lower = text.Trim().ToLowerInvariant();
        if (NumberPrefix().IsMatch(lower))
        {
            // The number is a value-converted column, so LINQ can only compare it through a cast that hides the index. In SQL:
            // a range [stem, stem with its last character raised) the index serves, and LIKE for exactness (the range alone
            // could differ under a PostgreSQL collation that ignores hyphens; a trailing hyphen is left out of the stem so
            // such a collation cannot shrink the range).
            var stem = lower.TrimEnd('-');
            var upper = stem[..^1] + (char)(stem[^1] + 1);
            var pattern = lower + "%";
            ids = db.Database.SqlQuery<int>($"""
                SELECT "Id" AS "Value" FROM "Cases" WHERE "Number" >= {stem} AND "Number" < {upper} AND "Number" LIKE {pattern}
                """);
        }

        // An imported case's old number (issue 17 item 8), exactly as the old ledger wrote it.
        var reference = text.Trim();
        if (reference.Length is > 0 and <= Reception.Core.Cases.Import.LedgerImport.ExternalReferenceMaxLength)
        {
            var old = db.Cases.Where(c => c.ExternalReference == reference).Select(c => c.Id);
            ids = ids is null ? old : ids.Union(old);
        }

        if (SearchTerms.Query(text) is { Count: > 0 } terms)
        {
            wordTerms = terms;
            var words = CaseSearchIndex.Matching(db, terms);
            ids = ids is null ? words : ids.Union(words);
        }

        return ids;
    }

    /// <summary>An ID number's shape (after <see cref="IdentityNumber.Normalize"/>): 15 digits, or 17 digits and a digit or X.</summary>
    [GeneratedRegex("^([0-9]{15}|[0-9]{17}[0-9X])$")]
    private static partial Regex IdentityShape();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex NumberPrefix();

    /// <summary>The category and every category below it; empty when the code does not exist.</summary>
    public static async Task<IReadOnlyList<string>> CategoryWithChildrenAsync(AppDbContext db, string code, CancellationToken ct = default)
    {
        var all = await db.CaseCategories.AsNoTracking().Select(c => new { c.Code, c.ParentCode }).ToListAsync(ct);
        if (all.All(c => c.Code != code)) return [];
        var result = new List<string> { code };
        for (var i = 0; i < result.Count; i++)
        {
            result.AddRange(all.Where(c => c.ParentCode == result[i] && !result.Contains(c.Code)).Select(c => c.Code));
        }

        return result;
    }

    /// <summary>Orders the cases by <paramref name="sort"/>, with the id as the tie-breaker so pages never overlap.</summary>
    public static IQueryable<PetitionCase> Order(IQueryable<PetitionCase> cases, CaseSort sort) => sort switch
    {
        CaseSort.ReceivedOldest => cases.OrderBy(c => c.ReceivedOn).ThenBy(c => c.Id),
        CaseSort.DueSoonest => cases.OrderBy(c => c.DueOn == null).ThenBy(c => c.DueOn).ThenBy(c => c.Id),
        CaseSort.Number => cases.OrderBy(c => c.Number),
        _ => cases.OrderByDescending(c => c.ReceivedOn).ThenByDescending(c => c.Id),
    };

    /// <summary>
    /// The list's columns for the cases, with category, leader and unit names joined in, ordered by <paramref name="sort"/>
    /// (when the cases are a page — ordered, skipped and taken — EF keeps that page in a subquery and orders the joined rows).
    /// </summary>
    public static IQueryable<CaseListRow> Project(IQueryable<PetitionCase> cases, AppDbContext db, CaseSort? sort = null)
    {
        var joined = from c in cases
                     join k in db.CaseCategories on c.CategoryCode equals k.Code into ks
                     from k in ks.DefaultIfEmpty()
                     join l in db.Leaders on c.OwnerLeaderId equals l.Id into ls
                     from l in ls.DefaultIfEmpty()
                     join u in db.OrgUnits on c.HandlingUnitId equals u.Id into us
                     from u in us.DefaultIfEmpty()
                     join o in db.OrgUnits on c.OrgUnitId equals o.Id into os
                     from o in os.DefaultIfEmpty()
                     select new Joined
                     {
                         Case = c, CategoryName = k == null ? null : k.Name, Leader = l == null ? null : l.Name, Unit = u == null ? null : u.Name,
                         OwningUnitPath = o == null ? null : o.Path,
                     };
        joined = sort switch
        {
            null => joined,
            CaseSort.ReceivedOldest => joined.OrderBy(x => x.Case.ReceivedOn).ThenBy(x => x.Case.Id),
            CaseSort.DueSoonest => joined.OrderBy(x => x.Case.DueOn == null).ThenBy(x => x.Case.DueOn).ThenBy(x => x.Case.Id),
            CaseSort.Number => joined.OrderBy(x => x.Case.Number),
            _ => joined.OrderByDescending(x => x.Case.ReceivedOn).ThenByDescending(x => x.Case.Id),
        };
        return joined.Select(x => new CaseListRow(x.Case.Id, x.Case.Number, x.Case.ReceivedOn, x.Case.CategoryCode, x.CategoryName, x.Case.Summary,
            x.Case.State, x.Case.Colour, x.Case.DueOn, x.Case.OwnerLeaderId, x.Leader, x.Case.ReceivedByLeaderId, x.Case.HandlingUnitId, x.Unit,
            x.Case.TransferredToUnitId, x.Case.Flags, x.Case.ClosedAtUtc, x.OwningUnitPath));
    }

    private sealed class Joined
    {
        public required PetitionCase Case { get; init; }
        public string? CategoryName { get; init; }
        public string? Leader { get; init; }
        public string? Unit { get; init; }
        public string? OwningUnitPath { get; init; }
    }

    /// <summary>
    /// One page of the filtered cases (<see cref="PageSize"/> rows) in the chosen order. The total is counted up to
    /// <see cref="CountLimit"/> + 1 (see <see cref="CountCap"/> and <see cref="SearchCountCap"/>). Below the cap a page number
    /// past the end shows the last page. Above it the number of pages is not known: any page can be asked for, one row more
    /// than a page is read to know whether a next page exists, and the returned total is then at least the cap + 1 and
    /// beyond the rows seen while there is a next page — exact once the page holding the last case is reached.
    /// </summary>
    public async Task<Paged<CaseListRow>> PageAsync(IQueryable<PetitionCase> filtered, AppDbContext db, CancellationToken ct = default)
    {
        var forCount = counted is { } c && ReferenceEquals(c.Listed, filtered) ? c.Counted : filtered;
        var cap = CountLimit;
        var total = await forCount.Take(cap + 1).CountAsync(ct);
        if (total <= cap)
        {
            var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(Page, 1, pageCount);
            var ordered = Order(filtered, Sort).Skip((page - 1) * PageSize).Take(PageSize);
            var rows = await Project(ordered, db, Sort).ToListAsync(ct);
            return new Paged<CaseListRow>(rows, page, PageSize, total);
        }

        var at = Math.Max(1, Page);
        var read = await Project(Order(filtered, Sort).Skip((at - 1) * PageSize).Take(PageSize + 1), db, Sort).ToListAsync(ct);
        var more = read.Count > PageSize;
        var seen = (at - 1) * PageSize + Math.Min(read.Count, PageSize);
        var known = more ? Math.Max(total, seen + 1) : read.Count > 0 ? seen : total;
        return new Paged<CaseListRow>([.. read.Take(PageSize)], at, PageSize, known);
    }
}
