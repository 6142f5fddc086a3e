using Reception.Core.Calendar;
using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Core.Cases.History;
using Reception.Core.Organisation;
using Reception.Core.Time;
using Reception.Web.Data.PersonalData;
using Reception.Web.Features.Calendar;

namespace Reception.Web.Features.Cases;

/// <summary>
/// The database side of casework: case numbers, the stored clock and colour of a case, intake checks and the set-based
/// recolouring of every open case. The rules themselves are in <c>Reception.Core.Cases</c>; pages call the case's named
/// operations, then <see cref="RefreshClockAsync"/>, then save.
/// </summary>
public sealed class CaseService(AppDbContext db, HolidayCalendarService calendars, CaseRules rules, TimeProvider clock)
{
    public CaseRules Rules => rules;
    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;
    public DateOnly Today => ChinaTime.Today(clock);

    public Task<WorkingDayCalendar> CalendarAsync(CancellationToken ct = default) => calendars.GetAsync(ct);

    /// <summary>
    /// Hands out the next number of <paramref name="unit"/> for <paramref name="year"/> in one atomic statement (an upsert
    /// with RETURNING on both SQLite and PostgreSQL), so two clerks never get the same number and a number is never
    /// handed out twice. Call it inside the transaction that saves the case.
    /// </summary>
    public async Task<CaseNumber> AllocateNumberAsync(OrgUnit unit, int year, CancellationToken ct = default)
    {
        var sequence = await db.Database.SqlQuery<int>($"""
            INSERT INTO "CaseNumberCounters" ("OrgUnitId", "Year", "LastSequence") VALUES ({unit.Id}, {year}, 1)
            ON CONFLICT ("OrgUnitId", "Year") DO UPDATE SET "LastSequence" = "CaseNumberCounters"."LastSequence" + 1
            RETURNING "LastSequence" AS "Value"
            """).ToListAsync(ct);
        return new CaseNumber(unit.Code, year, sequence.Single());
    }

    /// <summary>
    /// Hands out <paramref name="count"/> consecutive numbers of <paramref name="unit"/> for <paramref name="year"/> in one
    /// statement (as <see cref="AllocateNumberAsync"/>), for an import; returns the last sequence handed out (the range ends there).
    /// </summary>
    public async Task<int> AllocateNumbersAsync(OrgUnit unit, int year, int count, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var sequence = await db.Database.SqlQuery<int>($"""
            INSERT INTO "CaseNumberCounters" ("OrgUnitId", "Year", "LastSequence") VALUES ({unit.Id}, {year}, {count})
            ON CONFLICT ("OrgUnitId", "Year") DO UPDATE SET "LastSequence" = "CaseNumberCounters"."LastSequence" + {count}
            RETURNING "LastSequence" AS "Value"
            """).ToListAsync(ct);
        return sequence.Single();
    }

    /// <summary>
    /// Hands out the next 督办通知书 number of the issuing office <paramref name="office"/> for <paramref name="year"/>, the same
    /// way as <see cref="AllocateNumberAsync"/> (one atomic upsert, <see cref="DocumentNumbers"/>, the series <c>notice</c>): call it inside the transaction that saves the notice, so a
    /// refused or failed issue uses no number and a number is never handed out twice.
    /// </summary>
    public Task<int> AllocateNoticeNumberAsync(OrgUnit office, int year, CancellationToken ct = default) =>
        DocumentNumbers.AllocateAsync(db, office.Id, NoticeNumber.Series, year, ct);

    /// <summary>Recomputes and stores the case's running clock and colour (recording a colour change). Returns whether the colour rose.</summary>
    public async Task<bool> RefreshClockAsync(PetitionCase c, CancellationToken ct = default)
    {
        var calendar = await calendars.GetAsync(ct);
        var today = Today;
        var state = CaseClocks.Current(c, rules.Deadlines, calendar, today);
        return c.ApplyClock(state, CaseClocks.ColourOf(c, state, today, rules.Thresholds), UtcNow);
    }

    /// <summary>Every clock of the case so far, for the case page.</summary>
    public async Task<IReadOnlyList<CaseClockLine>> ClocksAsync(PetitionCase c, CancellationToken ct = default) =>
        CaseClocks.All(c, rules.Deadlines, await calendars.GetAsync(ct), Today);

    /// <summary>
    /// The intake checks (重复访, 越级访, 不再受理) against every earlier case that shares an ID number with the new
    /// petitioners. One indexed query on the blind index of the petitioners' ID numbers (never the clear value in SQL).
    /// </summary>
    public async Task<IntakeAssessment> AssessAsync(IReadOnlyCollection<string> identityNumbers, string filingOrgPath, CancellationToken ct = default)
    {
        var ids = identityNumbers.Select(IdentityNumber.Normalize).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).Distinct().ToList();
        if (ids.Count == 0) return new IntakeAssessment([]);
        var today = Today;
        var rows = await (
            from p in db.CasePetitioners.WithIdentityNumber(db.PersonalData, ids)
            join c in db.Cases on EF.Property<int>(p, "PetitionCaseId") equals c.Id
            join o in db.OrgUnits on (c.HandlingUnitId ?? c.TransferredToUnitId ?? c.OrgUnitId) equals o.Id
            select new { c.Id, c.Number, p.IdentityNumber, c.State, o.Path, c.DueOn, c.ClockCode }).ToListAsync(ct);
        var earlier = rows.GroupBy(r => r.Id).Select(g =>
        {
            var r = g.First();
            var open = PetitionCase.IsOpenState(r.State);
            return new EarlierCase(r.Id, r.Number.ToString(), g.Select(x => x.IdentityNumber!).ToList(), r.State, r.Path,
                open && r.DueOn is { } due && due >= today, r.State == CaseState.Terminated);
        });
        return IntakeRules.Assess(ids, filingOrgPath, earlier);
    }

    /// <summary>
    /// Recolours every open case in two set-based statements in one transaction: first a <see cref="CaseEventKind.ColourChanged"/>
    /// event for each case whose colour changes, then the update. The colour is the SQL form of
    /// <see cref="Supervision.ColourOfDates"/> on the stored due date and last-progress day. Returns the number of cases whose
    /// colour changed. (Due dates change only through case operations or a holiday-calendar change; see
    /// <see cref="RecomputeDueDatesAsync"/>.)
    /// </summary>
    public Task<int> RecolourAllAsync(CancellationToken ct = default) => RecolourAsync("", ct);

    /// <summary>
    /// Recolours the open cases a supervisor sees (issue 16 item 6: a bulk action stays inside the scope): those registered,
    /// handled or transferred within the subtree, as <see cref="ScopeFilters"/> reads them; all of them for the whole tree.
    /// </summary>
    public Task<int> RecolourAsync(UserScope scope, CancellationToken ct = default) =>
        RecolourAsync(db.IsWholeTree(scope) ? "" : scope.OrgPath, ct);

    /// <summary>The recolour of the open cases of the subtree at <paramref name="orgPath"/> ("" for every case).</summary>
    private async Task<int> RecolourAsync(string orgPath, CancellationToken ct)
    {
        var b = Supervision.DueDateBoundaries(Today, rules.Thresholds);
        object[] values = [b.RedIfDueBefore, b.YellowIfDueBefore, b.YellowIfLastProgressOnOrBefore, b.BlueIfDueOnOrBefore, UtcNow, orgPath];
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlRawAsync(RecordColourChangesSql, values, ct);
            var changed = await db.Database.ExecuteSqlRawAsync(RecolourSql, values, ct);
            await tx.CommitAsync(ct);
            return changed;
        });
    }

    /// <summary>
    /// Each open case with the colour the boundaries give it ({0} red if due before, {1} yellow if due before, {2} yellow if
    /// the last progress is on or before, {3} blue if due on or before): the CASE of <see cref="Supervision"/>'s remarks.
    /// {5} is the scope's org path ("" for every case): a case is in it when the unit that registered, handles or received
    /// it lies in the subtree (the casework staff's rule of <see cref="ScopeFilters"/>; a prefix compared with substr, as
    /// a code may hold LIKE's wildcard "_").
    /// </summary>
    private const string OpenCasesWithNewColourSql = """
        SELECT c."Id", c."Colour",
               CASE WHEN c."IsListed" OR c."DueOn" < {0} THEN 3
                    WHEN c."DueOn" < {1} OR c."LastProgressOn" <= {2} THEN 2
                    WHEN c."DueOn" <= {3} THEN 1
                    ELSE 0 END AS "NewColour"
        FROM "Cases" c WHERE c."Colour" IS NOT NULL
          AND ({5} = '' OR EXISTS (SELECT 1 FROM "OrgUnits" o WHERE substr(o."Path", 1, length({5})) = {5}
                   AND (o."Id" = c."OrgUnitId" OR o."Id" = c."HandlingUnitId" OR o."Id" = c."TransferredToUnitId")))
        """;

    /// <summary>A ColourChanged event ({4} = now) for every open case whose colour changes; only constants are spliced in.</summary>
    private static readonly string RecordColourChangesSql = $$"""
        INSERT INTO "CaseEvents" ("PetitionCaseId", "Kind", "UserId", "AtUtc", "Before", "After")
        SELECT x."Id", {{(int)CaseEventKind.ColourChanged}}, '{{CaseEvent.SystemUserId}}', {4},
               {{ColourText("x.\"Colour\"")}},
               {{ColourText("x.\"NewColour\"")}}
        FROM ({{OpenCasesWithNewColourSql}}) x
        WHERE x."NewColour" <> x."Colour"
        """;

    /// <summary>A stored colour (an int column) as its history text, the same <see cref="ColourChanged.Text"/> the case writes.</summary>
    private static string ColourText(string column) =>
        $"CASE {column} {string.Concat(Enum.GetValues<SupervisionColour>().Select(c => $"WHEN {(int)c} THEN '{ColourChanged.Text(c)}' "))}END";

    private static readonly string RecolourSql = $$"""
        UPDATE "Cases" SET "Colour" = n."NewColour"
        FROM ({{OpenCasesWithNewColourSql}}) n
        WHERE "Cases"."Id" = n."Id" AND "Cases"."Colour" <> n."NewColour"
        """;

    /// <summary>
    /// Recomputes the stored due date (and colour) of every open case, in batches: after the holiday calendar of a year
    /// changes, or the deployment's deadline rules do. Returns the number of cases whose due date changed.
    /// </summary>
    public async Task<int> RecomputeDueDatesAsync(CancellationToken ct = default)
    {
        var changed = 0;
        var lastId = 0;
        while (true)
        {
            var batch = await db.Cases.WithClockEvents()
                .Where(c => c.Colour != null && c.Id > lastId).OrderBy(c => c.Id).Take(500).ToListAsync(ct);
            if (batch.Count == 0) return changed;
            foreach (var c in batch)
            {
                var before = c.DueOn;
                await RefreshClockAsync(c, ct);
                if (c.DueOn != before) changed++;
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            lastId = batch[^1].Id;
        }
    }
}

public static class CaseClockQueries
{
    /// <summary>
    /// Cases loaded with just the history <see cref="CaseClocks"/> reads (appeal filed, acceptance refused), enough for
    /// <see cref="CaseService.RefreshClockAsync"/> without loading the whole timeline.
    /// </summary>
    public static IQueryable<PetitionCase> WithClockEvents(this IQueryable<PetitionCase> cases) =>
        cases.Include(c => c.Events.Where(e => e.Kind == CaseEventKind.AppealFiled || e.Kind == CaseEventKind.AcceptanceRefused));
}
