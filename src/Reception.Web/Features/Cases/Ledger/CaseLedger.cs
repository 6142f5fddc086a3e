using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Core.Time;

namespace Reception.Web.Features.Cases.Ledger;

/// <summary>What a ledger column holds: text, a whole number, or a date (a real date cell in .xlsx, yyyy-MM-dd in CSV).</summary>
public enum LedgerKind
{
    Text = 0,
    Number = 1,
    Date = 2,
}

/// <summary>One column of the 台账: its header (a localizer key), its kind, its width in .xlsx and how a case fills it.</summary>
public sealed record LedgerColumn(string Key, string Header, LedgerKind Kind, double Width, Func<LedgerRow, object?> Value);

/// <summary>A case with the names its ledger line shows, already masked for the reader.</summary>
public sealed record LedgerRow(
    PetitionCase Case,
    string Summary,
    string? CategoryName,
    string? RegisteredAt,
    string? HandlingUnit,
    string CoHandlingUnits,
    string? TransferredTo,
    string? OwnerLeader,
    string? Supervisor,
    IReadOnlyList<PetitionerView> Petitioners);

/// <summary>
/// The 台账: every field an office's ledger of petition matters has, as one column definition that both the .xlsx and the
/// CSV export use (<see cref="LedgerExport"/>). Personal data is shown as the case page shows it to the reader
/// (<see cref="PetitionerView"/>, <see cref="UserScope.FreeText"/>): unmasked to the clerks and supervisors of the scope that owns the case (<see cref="CaseOperations.SeesPersonalData"/>), masked to others.
/// </summary>
public static class CaseLedger
{
    /// <summary>The most rows one export holds; a bigger result is cut there and the file's last line says so.</summary>
    public const int MaxRows = 100_000;

    /// <summary>Cases loaded per query while the file is written, so a large export never holds all its rows.</summary>
    public const int Batch = 500;

    public static IReadOnlyList<LedgerColumn> Columns(IStringLocalizer l, DeadlineRuleSet rules)
    {
        LedgerColumn C(string key, LedgerKind kind, double width, Func<LedgerRow, object?> value) => new(key, l[key].Value, kind, width, value);
        string Join(LedgerRow r, Func<PetitionerView, string?> part) => string.Join("；", r.Petitioners.Select(p => part(p) ?? ""));
        return
        [
            C("Case number", LedgerKind.Text, 22, r => r.Case.Number.ToString()),
            C("Received", LedgerKind.Date, 12, r => r.Case.ReceivedOn),
            C("Channel", LedgerKind.Text, 8, r => l.Label(r.Case.Channel)),
            C("Registered at", LedgerKind.Text, 16, r => r.RegisteredAt),
            C("Petitioners", LedgerKind.Text, 16, r => string.Join("、", r.Petitioners.Select(p => p.Name))),
            C("ID numbers", LedgerKind.Text, 22, r => Join(r, p => p.IdentityNumber)),
            C("Phones", LedgerKind.Text, 16, r => Join(r, p => p.Phone)),
            C("Addresses", LedgerKind.Text, 28, r => Join(r, p => p.Address)),
            C("Number of people", LedgerKind.Number, 8, r => r.Case.NumberOfPeople),
            C("Collective", LedgerKind.Text, 8, r => r.Case.IsCollective ? l["Yes"].Value : l["No"].Value),
            C("Category", LedgerKind.Text, 16, r => r.CategoryName ?? r.Case.CategoryCode),
            C("Summary", LedgerKind.Text, 40, r => r.Summary),
            C("Handling unit", LedgerKind.Text, 18, r => r.HandlingUnit),
            C("Co-handling units", LedgerKind.Text, 22, r => r.CoHandlingUnits),
            C("Transferred to", LedgerKind.Text, 16, r => r.TransferredTo),
            C("Owning leader", LedgerKind.Text, 12, r => r.OwnerLeader),
            C("Supervisor", LedgerKind.Text, 12, r => r.Supervisor),
            C("Accepted on", LedgerKind.Date, 12, r => LocalDate(r.Case.AcceptedAtUtc)),
            C("Assigned on", LedgerKind.Date, 12, r => LocalDate(r.Case.AssignedAtUtc)),
            C("Current deadline", LedgerKind.Text, 16, r => r.Case.ClockCode is { } code && rules.TryGet(code, out var rule) ? l.Text(rule.Title) : null),
            C("Counted from", LedgerKind.Date, 12, r => r.Case.ClockStartOn),
            C("Due", LedgerKind.Date, 12, r => r.Case.DueOn),
            C("Extension days", LedgerKind.Number, 8, r => r.Case.ExtensionDays),
            C("State", LedgerKind.Text, 10, r => l.Label(r.Case.State)),
            C("Colour", LedgerKind.Text, 8, r => r.Case.Colour is { } c ? l.Label(c) : null),
            C("Last progress", LedgerKind.Date, 12, r => r.Case.LastProgressOn),
            C("Reply date", LedgerKind.Date, 12, r => r.Case.ReplyDate),
            C("Evaluation", LedgerKind.Text, 10, r => r.Case.Evaluation is { } e ? l.Label(e) : null),
            C("Closed on", LedgerKind.Date, 12, r => LocalDate(r.Case.ClosedAtUtc ?? r.Case.TerminatedAtUtc)),
            C("Flags", LedgerKind.Text, 20, r => CaseCsv.FlagText(l, r.Case.Flags)),
        ];
    }

    private static DateOnly? LocalDate(DateTime? utc) => utc is { } u ? DateOnly.FromDateTime(ChinaTime.ToLocal(u)) : null;

    /// <summary>
    /// The ledger lines of <paramref name="ordered"/> (already filtered to the reader's scope and ordered), at most
    /// <see cref="MaxRows"/>: the ids first (a few bytes each), then <see cref="Batch"/> cases at a time with their
    /// petitioners and names — the rows are read while the file is written, never all at once. Synchronous because the
    /// .xlsx writer pulls rows synchronously; one database connection, one query at a time (PostgreSQL allows no more).
    /// </summary>
    public static LedgerSource Rows(AppDbContext db, IQueryable<PetitionCase> ordered, UserScope scope)
    {
        var ids = ordered.Select(c => c.Id).Take(MaxRows + 1).ToList();
        var capped = ids.Count > MaxRows;
        if (capped) ids.RemoveAt(ids.Count - 1);
        return new LedgerSource(ids.Count, capped, Load(db, ids, scope));
    }

    private static IEnumerable<LedgerRow> Load(AppDbContext db, List<int> ids, UserScope scope)
    {
        var unitRows = db.OrgUnits.AsNoTracking().Select(o => new { o.Id, o.Name, o.Path }).ToList();
        var units = unitRows.ToDictionary(o => o.Id, o => o.Name);
        // Personal data unmasked only on the cases the reader's scope owns (issue 16 item 4), as on the case page.
        var paths = new CaseUnitPaths(unitRows.ToDictionary(o => o.Id, o => o.Path));
        var actor = CaseAccess.ActorOf(scope, null);
        var leaders = db.Leaders.AsNoTracking().Select(x => new { x.Id, x.Name }).ToDictionary(x => x.Id, x => x.Name);
        var categories = db.CaseCategories.AsNoTracking().Select(k => new { k.Code, k.Name }).ToDictionary(k => k.Code, k => k.Name);
        string? Unit(int? id) => id is { } i ? units.GetValueOrDefault(i) : null;
        foreach (var batch in ids.Chunk(Batch))
        {
            var cases = db.Cases.AsNoTracking().Where(c => batch.Contains(c.Id))
                .Include(c => c.Petitioners).Include(c => c.CoHandlingUnits).AsSplitQuery()
                .ToDictionary(c => c.Id);
            var supervisorIds = cases.Values.Select(c => c.SupervisorUserId).OfType<string>().Distinct().ToList();
            var supervisors = db.Users.AsNoTracking().Where(u => supervisorIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName })
                .ToDictionary(u => u.Id, u => u.DisplayName);
            foreach (var id in batch)
            {
                if (!cases.TryGetValue(id, out var c)) continue;
                var unmasked = CaseOperations.SeesPersonalData(actor, c, paths);
                yield return new LedgerRow(c, unmasked ? c.Summary : PrivacyMask.FreeText(c.Summary), categories.GetValueOrDefault(c.CategoryCode), Unit(c.OrgUnitId), Unit(c.HandlingUnitId),
                    string.Join("、", c.CoHandlingUnitIds.Select(u => Unit(u)).OfType<string>()), Unit(c.TransferredToUnitId),
                    c.OwnerLeaderId is { } o ? leaders.GetValueOrDefault(o) : null,
                    c.SupervisorUserId is { } s ? supervisors.GetValueOrDefault(s) : null,
                    c.Petitioners.OrderBy(p => p.Id).Select(p => PetitionerView.Of(p, unmasked)).ToList());
            }
        }
    }
}

/// <summary>The ledger's rows (read lazily), how many there are and whether the result was cut at <see cref="CaseLedger.MaxRows"/>.</summary>
public sealed record LedgerSource(int Count, bool Capped, IEnumerable<LedgerRow> Rows);
