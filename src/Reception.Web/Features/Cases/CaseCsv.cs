using Reception.Core.Cases;

namespace Reception.Web.Features.Cases;

/// <summary>
/// Case lists as CSV that Excel opens in Chinese (UTF-8 with BOM, see <see cref="CsvFile"/>), with Chinese headers and
/// dates as yyyy-MM-dd (which Excel reads as dates). Petitioners' personal data never goes into a file: at most their
/// names, and only for the roles that see petitioners unmasked (<see cref="UserScope.SeesPersonalData"/>).
/// </summary>
public static class CaseCsv
{
    /// <summary>The most rows one export holds; a bigger result is cut there and the page says so.</summary>
    public const int MaxRows = 100_000;

    private const int NameBatch = 1_000;

    /// <summary>
    /// The header and one line per case. <paramref name="section"/> adds a first column (e.g. "overdue");
    /// <paramref name="freeText"/> shows the summary as the reader may read it (<see cref="UserScope.FreeText"/>).
    /// </summary>
    public static IEnumerable<object?[]> Lines(IStringLocalizer l, IEnumerable<CaseListRow> rows,
        IReadOnlyDictionary<int, string>? petitionerNames = null, Func<CaseListRow, string>? section = null, Func<string?, string>? freeText = null)
    {
        var header = new List<object?>();
        if (section is not null) header.Add(l["Section"].Value);
        header.AddRange([
            l["Case number"].Value, l["Received"].Value, l["Category"].Value, l["Summary"].Value, l["State"].Value,
            l["Colour"].Value, l["Due"].Value, l["Owning leader"].Value, l["Handling unit"].Value, l["Flags"].Value,
        ]);
        if (petitionerNames is not null) header.Add(l["Petitioners"].Value);
        yield return [.. header];

        foreach (var r in rows)
        {
            var line = new List<object?>();
            if (section is not null) line.Add(section(r));
            line.AddRange([
                r.Number.ToString(), DateText.Of(r.ReceivedOn), r.CategoryName ?? r.CategoryCode, freeText is null ? r.Summary : freeText(r.Summary), l.Label(r.State),
                r.Colour is { } c ? l.Label(c) : "", DateText.Of(r.DueOn), r.OwnerLeader, r.HandlingUnit, FlagText(l, r.Flags),
            ]);
            if (petitionerNames is not null) line.Add(petitionerNames.GetValueOrDefault(r.Id, ""));
            yield return [.. line];
        }
    }

    public static FileContentResult File(string name, IEnumerable<object?[]> lines) => CsvFile.Result(name, lines);

    /// <summary>The petitioners' names of each case ("张三、李四"), fetched in batches of ids (never other personal data).</summary>
    public static async Task<IReadOnlyDictionary<int, string>> PetitionerNamesAsync(AppDbContext db, IReadOnlyList<int> caseIds, CancellationToken ct = default)
    {
        var names = new Dictionary<int, List<string>>();
        foreach (var batch in caseIds.Chunk(NameBatch))
        {
            var rows = await db.CasePetitioners.AsNoTracking()
                .Where(p => batch.Contains(EF.Property<int>(p, "PetitionCaseId")))
                .OrderBy(p => p.Id)
                .Select(p => new { CaseId = EF.Property<int>(p, "PetitionCaseId"), p.Name })
                .ToListAsync(ct);
            foreach (var r in rows)
            {
                if (!names.TryGetValue(r.CaseId, out var list)) names[r.CaseId] = list = [];
                list.Add(r.Name);
            }
        }

        return names.ToDictionary(p => p.Key, p => string.Join("、", p.Value));
    }

    /// <summary>The set flags as labels, "重复访、集体访".</summary>
    public static string FlagText(IStringLocalizer l, CaseFlags flags) =>
        string.Join("、", CaseListQuery.SingleFlags.Where(f => flags.HasFlag(f)).Select(f => l.Label(f)));
}
