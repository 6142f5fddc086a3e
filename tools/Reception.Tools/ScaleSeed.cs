using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Reception.Core.Calendar;
using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Core.Cases.History;
using Reception.Core.Common;
using Reception.Core.Organisation;
using Reception.Core.Time;
using Reception.Web.Authorization;
using Reception.Web.Data;
using Reception.Web.Data.PersonalData;
using Reception.Web.Data.Search;
using Reception.Web.Data.Seed;
using Reception.Web.Features.Calendar;
using Reception.Web.Features.Cases;
using Reception.Web.Features.Demo;

namespace Reception.Tools;

/// <summary>What <see cref="ScaleSeed"/> should write.</summary>
/// <param name="Cases">How many cases (over five years ending today).</param>
/// <param name="Force">Delete the cases already in the database first (otherwise a database with cases is refused).</param>
public sealed record ScaleSeedOptions(int Cases, bool Force = false)
{
    public const int DefaultCases = 1_000_000;
    public const int RandomSeed = 11_643;
}

/// <summary>What was written.</summary>
public sealed record ScaleSeedResult(int Cases, int OpenCases, int Petitioners, int Events, int Leaders, int OrgUnits, TimeSpan Elapsed);

/// <summary>
/// A deterministic province for benchmarks (issue 4, "Scale data"): 演示省 (code <c>prov</c>) with
/// <see cref="Counties"/> counties (<c>c001</c>…), each with <see cref="TownshipsPerCounty"/> townships or streets
/// (<c>c001-t01</c>…) of <see cref="VillagesPerTownship"/> villages each and <see cref="DepartmentsPerCounty"/> departments;
/// about 3,000 leaders; and N cases received over the five years before today, most of them closed, about 5% open with
/// their running clock, due date, last progress and colour stored exactly as <see cref="CaseService.RefreshClockAsync"/>
/// would (the due dates are computed by the domain's <see cref="DeadlineClock"/>). Each case has owners, handling units,
/// 1–2 petitioners with valid ID numbers (stored encrypted, with their blind indexes, as the app stores them) and 2–4
/// history events. Rows are written with prepared ADO.NET commands in large
/// transactions (with the case tables' secondary indexes dropped during the load and rebuilt after), so a million cases
/// take a few minutes on SQLite. Users for benchmarks: <c>p-clerk</c> (the province's clerk), <c>c001-clerk</c> (a
/// county clerk), <c>c001-leader</c> (a county leader), <c>p-supervisor</c>; password <see cref="DemoData.Password"/>.
/// <para>Run it with <c>dotnet run --project tools/Reception.Tools -- seed --cases 1000000 [--data-dir DIR] [--force]</c>
/// (<see cref="SeedCommand"/>).</para>
/// </summary>
public sealed class ScaleSeed(
    AppDbContext db,
    UserManager<AppUser> users,
    CaseRules rules,
    HolidayCalendarService calendars,
    DatabaseInitializer initializer,
    TimeProvider clock)
{
    public const string ProvinceCode = "prov";
    public const int Counties = 100;
    public const int TownshipsPerCounty = 12;
    public const int VillagesPerTownship = 10;
    public const int DepartmentsPerCounty = 10;
    public const int LeadersPerCounty = 15;
    public const int Years = 5;
    public const string ProvinceClerk = "p-clerk";
    public const string CountyClerk = "c001-clerk";
    public const string LeaderUser = "c001-leader";
    public const string ProvinceSupervisor = "p-supervisor";

    private const int BatchCases = 50_000;
    private static readonly string[] CaseTables = ["CaseSearch", "Cases", "CasePetitioners", "CaseEvents", "CaseCoHandlingUnits", "CaseChecklistEntries", "SupervisionNotices", "VisitCases"];

    private bool postgres;

    /// <summary>Seeds; returns null (and says why) when the database already has cases and <see cref="ScaleSeedOptions.Force"/> is off.</summary>
    public async Task<ScaleSeedResult?> RunAsync(ScaleSeedOptions options, TextWriter log, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Cases, 1);
        var watch = Stopwatch.StartNew();
        postgres = db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;
        await db.Database.MigrateAsync(ct);
        if (await db.Cases.AnyAsync(ct))
        {
            if (!options.Force)
            {
                log.WriteLine("The database already has cases; run again with --force to replace them.");
                return null;
            }

            log.WriteLine("Deleting the existing cases (--force)…");
            await DeleteCasesAsync(ct);
        }

        var province = await db.OrgUnits.SingleOrDefaultAsync(o => o.Code == ProvinceCode, ct);
        if (province is null)
        {
            log.WriteLine($"Creating the province: {Counties} counties × {TownshipsPerCounty} townships × {VillagesPerTownship} villages, departments and leaders…");
            await CreateProvinceAsync(ct);
        }

        // Roles, holidays and case categories (the org tree exists now, so nothing else is seeded).
        await initializer.InitializeAsync(isDevelopment: false, ct);
        await CreateUsersAsync(ct);

        var world = await LoadWorldAsync(ct);
        log.WriteLine($"Writing {options.Cases:N0} cases ({DateText.Of(world.Today.AddYears(-Years))} … {DateText.Of(world.Today.AddDays(-1))})…");
        var (open, petitioners, events) = await WriteCasesAsync(world, options.Cases, log, watch, ct);
        // The cases went in past SaveChanges: every calendar feed answers afresh, not with a tag served before the seed.
        await Reception.Web.Features.Calendar.Feeds.FeedVersionInterceptor.ChangeEverythingAsync(db, clock, ct);
        var result = new ScaleSeedResult(options.Cases, open, petitioners, events, world.LeaderCount, world.OrgUnitCount, watch.Elapsed);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Done in {watch.Elapsed.TotalSeconds:F0} s: {result.Cases:N0} cases ({open:N0} open), {petitioners:N0} petitioners, {events:N0} events, {world.LeaderCount:N0} leaders, {world.OrgUnitCount:N0} org units."));
        return result;
    }

    // ================================================================ organisation, leaders, users

    private async Task CreateProvinceAsync(CancellationToken ct)
    {
        var rng = new Random(ScaleSeedOptions.RandomSeed);
        var conn = await OpenAsync(ct);
        var nextOrg = await NextIdAsync(conn, "OrgUnits", ct);
        var nextLeader = await NextIdAsync(conn, "Leaders", ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await using var org = await WriterAsync(conn, "OrgUnits", ["Id", "Code", "Name", "Kind", "ParentId", "Path", "SortOrder", "IsActive", "Version"], tx, ct);
        await using var leader = await WriterAsync(conn, "Leaders", ["Id", "Name", "Title", "LeadingBody", "OrgUnitId", "RotationOrder", "Email", "Phone", "IsActive", "Version"], tx, ct);

        async Task<int> Org(string code, string name, OrgUnitKind kind, int? parentId, string path, int sort)
        {
            var id = nextOrg++;
            await org.AddAsync(ct, id, code, name, (int)kind, parentId, path, sort, true, 0);
            return id;
        }

        async Task Leader(string name, string title, LeadingBody body, int orgUnitId, int order) =>
            await leader.AddAsync(ct, nextLeader++, name, title, (int)body, orgUnitId, order, null, Phone(rng), true, 0);

        var provinceId = await Org(ProvinceCode, "演示省", OrgUnitKind.Province, null, $"/{ProvinceCode}/", 0);
        for (var l = 0; l < 12; l++) await Leader(PersonName(rng), ProvinceTitles[l % ProvinceTitles.Length], Body(l), provinceId, l + 1);
        for (var c = 1; c <= Counties; c++)
        {
            var code = County(c);
            var countyPath = $"/{ProvinceCode}/{code}/";
            var countyId = await Org(code, CountyName(c), OrgUnitKind.County, provinceId, countyPath, c);
            for (var l = 0; l < LeadersPerCounty; l++) await Leader(PersonName(rng), CountyTitles[l % CountyTitles.Length], Body(l), countyId, l + 1);
            for (var d = 1; d <= DepartmentsPerCounty; d++)
            {
                var dcode = $"{code}-d{d:00}";
                await Org(dcode, DepartmentNames[(d - 1) % DepartmentNames.Length], OrgUnitKind.Department, countyId, $"{countyPath}{dcode}/", 100 + d);
            }

            for (var t = 1; t <= TownshipsPerCounty; t++)
            {
                var tcode = Township(c, t);
                var street = t <= 4;
                var tpath = $"{countyPath}{tcode}/";
                var tid = await Org(tcode, TownshipName(c, t, street), street ? OrgUnitKind.Street : OrgUnitKind.Township, countyId, tpath, t);
                for (var l = 0; l < 1 + (t % 4 == 0 ? 1 : 0); l++)
                    await Leader(PersonName(rng), street ? (l == 0 ? "街道党工委书记" : "街道办事处主任") : (l == 0 ? "镇党委书记" : "镇长"), l == 0 ? LeadingBody.PartyCommittee : LeadingBody.Government, tid, l + 1);
                for (var v = 1; v <= VillagesPerTownship; v++)
                {
                    var vcode = $"{tcode}-v{v:00}";
                    await Org(vcode, VillageNames[(c * 7 + t * 3 + v) % VillageNames.Length] + (street ? "社区" : "村"),
                        street ? OrgUnitKind.Community : OrgUnitKind.Village, tid, $"{tpath}{vcode}/", v);
                }
            }
        }

        await org.FlushAsync(ct);
        await leader.FlushAsync(ct);
        await tx.CommitAsync(ct);
        await FixSequencesAsync(conn, ["OrgUnits", "Leaders"], ct);
    }

    private async Task CreateUsersAsync(CancellationToken ct)
    {
        var province = await db.OrgUnits.SingleAsync(o => o.Code == ProvinceCode, ct);
        var county = await db.OrgUnits.SingleAsync(o => o.Code == County(1), ct);
        var leader = await db.Leaders.Where(l => l.OrgUnitId == county.Id).OrderBy(l => l.RotationOrder).FirstAsync(ct);
        string? hash = null;
        async Task Create(string userName, string displayName, string role, int orgUnitId, int? leaderId = null)
        {
            if (await users.FindByNameAsync(userName) is not null) return;
            var user = new AppUser { UserName = userName, DisplayName = displayName, OrgUnitId = orgUnitId, LeaderId = leaderId };
            user.PasswordHash = hash ??= users.PasswordHasher.HashPassword(user, DemoData.Password);
            DatabaseInitializer.Check(await users.CreateAsync(user));
            DatabaseInitializer.Check(await users.AddToRoleAsync(user, role));
        }

        await Create(ProvinceClerk, "省信访局工作人员", Roles.Clerk, province.Id);
        await Create(ProvinceSupervisor, "省督查专员", Roles.Supervisor, province.Id);
        await Create(CountyClerk, county.Name + "信访局工作人员", Roles.Clerk, county.Id);
        await Create(LeaderUser, leader.Name, Roles.Leader, county.Id, leader.Id);
        ct.ThrowIfCancellationRequested();
    }

    // ================================================================ cases

    private sealed record CountyWorld(int Id, string Code, int[] Townships, int[][] Villages, int[] Departments, int[] Leaders, Dictionary<int, int[]> TownshipLeaders);

    private sealed record World(DateOnly Today, WorkingDayCalendar Calendar, List<CountyWorld> Counties, string[] Categories, string ClerkId,
        string SupervisorId, int LeaderCount, int OrgUnitCount);

    private async Task<World> LoadWorldAsync(CancellationToken ct)
    {
        var province = await db.OrgUnits.AsNoTracking().SingleAsync(o => o.Code == ProvinceCode, ct);
        var units = await db.OrgUnits.AsNoTracking().Where(o => o.Path.StartsWith(province.Path))
            .Select(o => new { o.Id, o.Code, o.Kind, o.ParentId }).ToListAsync(ct);
        var leaders = await db.Leaders.AsNoTracking().Where(l => units.Select(u => u.Id).Contains(l.OrgUnitId))
            .OrderBy(l => l.Id).Select(l => new { l.Id, l.OrgUnitId }).ToListAsync(ct);
        var byParent = units.Where(u => u.ParentId != null).ToLookup(u => u.ParentId!.Value);
        var leadersByUnit = leaders.ToLookup(l => l.OrgUnitId, l => l.Id);
        var counties = units.Where(u => u.Kind == OrgUnitKind.County).OrderBy(u => u.Code, StringComparer.Ordinal).Select(c =>
        {
            var children = byParent[c.Id].OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
            var towns = children.Where(u => u.Kind.IsTownshipLevel()).ToList();
            return new CountyWorld(c.Id, c.Code, towns.Select(t => t.Id).ToArray(),
                towns.Select(t => byParent[t.Id].OrderBy(v => v.Code, StringComparer.Ordinal).Select(v => v.Id).ToArray()).ToArray(),
                children.Where(u => u.Kind == OrgUnitKind.Department).Select(u => u.Id).ToArray(),
                leadersByUnit[c.Id].ToArray(),
                towns.ToDictionary(t => t.Id, t => leadersByUnit[t.Id].ToArray()));
        }).ToList();
        var categories = await db.CaseCategories.AsNoTracking().Where(c => c.ParentCode == null).OrderBy(c => c.SortOrder).Select(c => c.Code).ToArrayAsync(ct);
        var clerk = await db.Users.Where(u => u.UserName == ProvinceClerk).Select(u => u.Id).SingleAsync(ct);
        var supervisor = await db.Users.Where(u => u.UserName == ProvinceSupervisor).Select(u => u.Id).SingleAsync(ct);
        return new World(ChinaTime.Today(clock), await calendars.GetAsync(ct), counties, categories, clerk, supervisor, leaders.Count, units.Count);
    }

    private static readonly string[] CaseColumns =
    [
        "Id", "Number", "OrgUnitId", "Channel", "ReceivedOn", "CategoryCode", "Summary", "Content", "NumberOfPeople", "State", "Flags",
        "RepeatOfCaseId", "AcceptedAtUtc", "NotAcceptedReason", "TransferredToUnitId", "TransferredAtUtc", "OwnerLeaderId", "HandlingUnitId",
        "StabilityControlUnitId", "SupervisorUserId", "AssignedAtUtc", "HandlingStartedAtUtc", "LastProgressAtUtc", "ReplyText", "ReplyDate",
        "Evaluation", "ClosedAtUtc", "IsResolved", "ResolvedOn", "AppealLevel", "IsAppealed", "IsListed", "ClockCode", "ClockStartOn",
        "DueOn", "LastProgressOn", "Colour", "Version", "ReceivedByLeaderId",
    ];

    /// <summary>Everything about one case that is decided before it is written (kept small: one at a time).</summary>
    private struct Plan
    {
        public DateOnly Received, Accepted, Assigned, Started, Replied, Evaluated, Closed, Refused, Transferred, LastProgress;
        public CaseState State;
        public bool Stuck;
    }

    private async Task<(int Open, int Petitioners, int Events)> WriteCasesAsync(World w, int count, TextWriter log, Stopwatch watch, CancellationToken ct)
    {
        var rng = new Random(ScaleSeedOptions.RandomSeed + 1);
        var personalData = db.PersonalData;
        var conn = await OpenAsync(ct);
        if (!postgres)
        {
            await using var pragma = conn.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous = OFF; PRAGMA cache_size = -200000; PRAGMA temp_store = MEMORY;";
            await pragma.ExecuteNonQueryAsync(ct);
        }

        var indexes = await DropIndexesAsync(conn, ct);
        var firstCase = await NextIdAsync(conn, "Cases", ct);
        var nextPetitioner = (long)await NextIdAsync(conn, "CasePetitioners", ct);
        var nextEvent = (long)await NextIdAsync(conn, "CaseEvents", ct);
        var nextCoUnit = await NextIdAsync(conn, "CaseCoHandlingUnits", ct);
        var start = w.Today.AddYears(-Years);
        var days = w.Today.DayNumber - start.DayNumber;
        var handle = rules.Deadlines[DeadlineRules.Handle];
        var route = rules.Deadlines[DeadlineRules.Route];
        var counters = new Dictionary<(int Unit, int Year), int>();
        var recentIds = new List<(int CaseId, string IdNumber, string Name)>(); // for 重复访
        int open = 0, petitioners = 0, events = 0;

        // Received dates: a slowly rising volume, sorted, so numbers follow receipt.
        var received = new DateOnly[count];
        for (var i = 0; i < count; i++)
        {
            var u = Math.Sqrt(rng.NextDouble()); // density rises towards today
            received[i] = start.AddDays(Math.Min(days - 1, (int)(u * days)));
        }

        Array.Sort(received);

        IDbContextTransaction? tx = null;
        TableWriter? caseCmd = null, petitionerCmd = null, eventCmd = null, coCmd = null, searchCmd = null;
        var documents = new Dictionary<string, string>(StringComparer.Ordinal); // the search terms of a topic, reply and names
        async Task BeginAsync()
        {
            tx = await db.Database.BeginTransactionAsync(ct);
            caseCmd = await WriterAsync(conn, "Cases", CaseColumns, tx, ct);
            petitionerCmd = await WriterAsync(conn, "CasePetitioners", ["Id", "PetitionCaseId", "Name", "IdentityNumber", "Phone", "HouseholdLocality", "Address", "IdentityNumberIndex", "PhoneIndex"], tx, ct);
            eventCmd = await WriterAsync(conn, "CaseEvents", ["Id", "PetitionCaseId", "Kind", "UserId", "AtUtc", "Before", "After"], tx, ct);
            coCmd = await WriterAsync(conn, "CaseCoHandlingUnits", ["Id", "PetitionCaseId", "OrgUnitId"], tx, ct);
            searchCmd = postgres
                ? new SearchCopyWriter((NpgsqlConnection)conn)
                : new InsertWriter(CaseSearchIndex.InsertCommand(conn, tx.GetDbTransaction(), postgres: false));
        }

        async Task CommitAsync()
        {
            // Parents first: the cases, then what hangs on them (PostgreSQL checks the foreign keys as each COPY ends).
            foreach (var writer in new[] { caseCmd, petitionerCmd, eventCmd, coCmd, searchCmd })
            {
                if (writer is null) continue;
                await writer.FlushAsync(ct);
                await writer.DisposeAsync();
            }

            await tx!.CommitAsync(ct);
            await tx.DisposeAsync();
        }

        await BeginAsync();
        var values = new object?[CaseColumns.Length];
        for (var i = 0; i < count; i++)
        {
            var id = firstCase + i;
            var county = w.Counties[rng.Next(w.Counties.Count)];
            var t = rng.Next(county.Townships.Length);
            var townshipId = county.Townships[t];
            var village = county.Villages[t][rng.Next(county.Villages[t].Length)];
            var registeringUnit = rng.Next(0, 10) < 7 ? county.Id : townshipId;
            var registeringCode = registeringUnit == county.Id ? county.Code : $"{county.Code}-t{t + 1:00}";
            var p = PlanCase(rng, received[i], w.Today);
            var category = w.Categories[PickCategory(rng, w.Categories.Length)];
            var topic = Summaries[rng.Next(Summaries.Length)];
            var people = rng.Next(0, 25) == 0 ? 5 + rng.Next(0, 30) : 1 + (rng.Next(0, 5) == 0 ? 1 : 0);
            var flags = people >= PetitionCase.CollectiveThreshold ? CaseFlags.Collective : CaseFlags.None;
            int? repeatOf = null;
            (int CaseId, string IdNumber, string Name)? earlier = null;
            if (recentIds.Count > 100 && rng.Next(0, 33) == 0)
            {
                earlier = recentIds[rng.Next(recentIds.Count)];
                repeatOf = earlier.Value.CaseId;
                flags |= CaseFlags.Repeat;
            }

            if (rng.Next(0, 200) == 0) flags |= CaseFlags.LevelSkipping;
            if (rng.Next(0, 60) == 0) flags |= CaseFlags.Key;
            var key = (registeringUnit, p.Received.Year);
            var sequence = counters.GetValueOrDefault(key) + 1;
            counters[key] = sequence;
            var number = string.Create(CultureInfo.InvariantCulture, $"{registeringCode}-{p.Received.Year:D4}-{sequence:D6}");

            var assigned = p.State is CaseState.Assigned or CaseState.InProgress or CaseState.Replied or CaseState.Evaluated or CaseState.Closed;
            int? owner = null, handling = null, stability = null;
            if (assigned)
            {
                var local = county.TownshipLeaders[townshipId];
                owner = local.Length > 0 && rng.Next(0, 10) < 3 ? local[rng.Next(local.Length)] : county.Leaders[rng.Next(county.Leaders.Length)];
                handling = rng.Next(0, 3) == 0 ? townshipId : county.Departments[rng.Next(county.Departments.Length)];
                stability = rng.Next(0, 2) == 0 ? village : townshipId;
            }

            int? transferredTo = p.State == CaseState.Transferred ? county.Departments[rng.Next(county.Departments.Length)] : null;
            var evaluation = p.State is CaseState.Evaluated or CaseState.Closed && rng.Next(0, 10) < 8 ? (int?)PickEvaluation(rng) : null;
            var resolvedOn = p.Replied != default && rng.Next(0, 10) < 8 ? p.Replied : (DateOnly?)null;
            if (p.State == CaseState.InProgress && rng.Next(0, 10) == 0) resolvedOn = p.LastProgress;

            // The running clock, as CaseClocks.Current computes it.
            string? clockCode = null;
            DateOnly? clockStart = null, due = null, lastProgress = null;
            int? colour = null;
            var listed = false;
            if (PetitionCase.IsOpenState(p.State))
            {
                open++;
                var rule = p.State switch { CaseState.Registered => route, CaseState.Transferred => rules.Deadlines[DeadlineRules.Accept], _ => handle };
                clockStart = p.State switch { CaseState.Registered => p.Received, CaseState.Transferred => p.Transferred, _ => p.Accepted };
                clockCode = rule.Code;
                due = DeadlineClock.Compute(rule, clockStart.Value, w.Calendar, w.Today).Answer!.DueDate;
                lastProgress = p.State == CaseState.InProgress ? p.LastProgress : clockStart;
                if (lastProgress < clockStart) lastProgress = clockStart;
                listed = (flags & CaseFlags.Key) != 0 && p.State == CaseState.InProgress && rng.Next(0, 3) == 0;
                colour = (int)Supervision.ColourOf(due.Value, lastProgress.Value, w.Today, listed, rules.Thresholds).Colour;
            }

            var reply = p.Replied != default ? topic.Reply : null;
            var channel = PickChannel(rng);
            // Received by a leader on duty or a visit (领导接访, 下访发现): usually the leader who then owns it.
            int? receivedBy = channel is Channel.LeaderReception or Channel.FoundOnVisit
                ? owner ?? county.Leaders[rng.Next(county.Leaders.Length)]
                : null;
            values[0] = id; values[1] = number; values[2] = registeringUnit; values[3] = (int)channel; values[4] = p.Received;
            values[5] = category; values[6] = topic.Summary; values[7] = topic.Content; values[8] = people; values[9] = (int)p.State; values[10] = (int)flags;
            values[11] = repeatOf; values[12] = At(p.Accepted, 10); values[13] = p.State == CaseState.NotAccepted ? RefusalReason : null;
            values[14] = transferredTo; values[15] = At(p.Transferred, 11); values[16] = owner; values[17] = handling; values[18] = stability;
            values[19] = assigned ? w.SupervisorId : null; values[20] = assigned ? At(p.Assigned, 14) : null;
            values[21] = At(p.Started, 15); values[22] = At(p.LastProgress, p.LastProgress == p.Started ? 15 : 16); values[23] = reply;
            values[24] = p.Replied == default ? null : p.Replied; values[25] = evaluation; values[26] = At(p.Closed, 17);
            values[27] = resolvedOn is not null; values[28] = resolvedOn; values[29] = (int)AppealLevel.Original; values[30] = false;
            values[31] = listed; values[32] = clockCode; values[33] = clockStart; values[34] = due; values[35] = lastProgress; values[36] = colour;
            values[37] = 0; values[38] = receivedBy;
            await caseCmd!.AddAsync(ct, values);

            // Petitioners: 1–2, with valid ID numbers (a repeat reuses the earlier petitioner).
            var named = people >= 2 ? 2 : 1;
            var names = new string[named];
            for (var k = 0; k < named; k++)
            {
                string idNumber, name;
                if (k == 0 && earlier is { } e)
                {
                    (idNumber, name) = (e.IdNumber, e.Name);
                }
                else
                {
                    idNumber = IdNumber(rng, county);
                    name = PersonName(rng);
                }

                // Stored as the app stores it: ciphertext and blind indexes (PersonalData.CasePetitionerProtection).
                names[k] = name;
                var phone = Phone(rng);
                await petitionerCmd!.AddAsync(ct, nextPetitioner++, id, name, personalData.Protect(idNumber), personalData.Protect(phone), null, null,
                    personalData.IdentityNumber(idNumber), personalData.Phone(phone));
                petitioners++;
                if (k == 0 && rng.Next(0, 20) == 0)
                {
                    if (recentIds.Count >= 5_000) recentIds[rng.Next(recentIds.Count)] = (id, idNumber, name);
                    else recentIds.Add((id, idNumber, name));
                }
            }

            // The search index row (Data.Search.CaseSearchIndex), as the app writes it: summary, content, reply and names.
            var documentKey = string.Join("|", topic.Summary, reply ?? "", string.Join("|", names));
            if (!documents.TryGetValue(documentKey, out var document))
            {
                document = CaseSearchIndex.Document(topic.Summary, topic.Content, [reply], names);
                if (documents.Count < 100_000) documents[documentKey] = document;
            }

            await searchCmd!.AddAsync(ct, id, document);

            // History: registered, then the last one to three steps.
            var registeredAt = At(p.Received, 9)!.Value;
            async Task WriteEventAsync(CaseChange change, string userId, DateTime at)
            {
                var (before, after) = change.Store();
                await eventCmd!.AddAsync(ct, nextEvent++, id, (int)change.Kind, userId, at, before, after);
                events++;
            }

            await WriteEventAsync(new Registered(number, channel, p.Received, category, people, flags), w.ClerkId, registeredAt);
            var assignment = new Assignment(CaseState.Assigned, owner, handling, [], stability, assigned ? w.SupervisorId : null);
            var steps = Steps(p, assignment, transferredTo, reply).ToList();
            if (colour is not null && steps.Count > 2) steps.RemoveAt(0);
            var lastAt = registeredAt;
            foreach (var (change, day, hour) in steps)
            {
                lastAt = At(day, hour)!.Value;
                await WriteEventAsync(change, w.ClerkId, lastAt);
            }

            // The running clock's colour, as the last refresh recorded it.
            if (colour is { } c) await WriteEventAsync(new ColourChanged(null, (SupervisionColour)c), CaseEvent.SystemUserId, lastAt.AddMinutes(1));

            if (assigned && rng.Next(0, 20) == 0)
            {
                var co = county.Departments[rng.Next(county.Departments.Length)];
                if (co != handling) await coCmd!.AddAsync(ct, nextCoUnit++, id, co);
            }

            if ((i + 1) % BatchCases == 0)
            {
                await CommitAsync();
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {i + 1,10:N0} / {count:N0} cases  ({watch.Elapsed.TotalSeconds:F0} s)"));
                await BeginAsync();
            }
        }

        await using (var counterCmd = Prepare(conn, "CaseNumberCounters", ["OrgUnitId", "Year", "LastSequence"], tx))
        {
            await using var clear = conn.CreateCommand();
            clear.Transaction = tx!.GetDbTransaction();
            clear.CommandText = """DELETE FROM "CaseNumberCounters" """;
            await clear.ExecuteNonQueryAsync(ct);
            foreach (var ((unit, year), last) in counters.OrderBy(c => c.Key.Unit).ThenBy(c => c.Key.Year))
                await Exec(counterCmd, ct, unit, year, last);
        }

        await CommitAsync();
        await FixSequencesAsync(conn, ["Cases", "CasePetitioners", "CaseEvents", "CaseCoHandlingUnits"], ct);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  rebuilding {indexes.Count} indexes and analysing ({watch.Elapsed.TotalSeconds:F0} s)…"));
        foreach (var sql in indexes)
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            cmd.CommandTimeout = 0;
            await cmd.ExecuteNonQueryAsync(ct);
        }

        if (!postgres)
        {
            // One b-tree of terms instead of the segments the batches left: what a query reads afterwards.
            await using var optimize = conn.CreateCommand();
            optimize.CommandText = """INSERT INTO "CaseSearch" ("CaseSearch") VALUES ('optimize')""";
            optimize.CommandTimeout = 0;
            await optimize.ExecuteNonQueryAsync(ct);
        }

        await using (var analyze = conn.CreateCommand())
        {
            // PostgreSQL: VACUUM too, so that the visibility map is set after the bulk load and index-only scans stay index-only.
            analyze.CommandText = postgres
                ? $"VACUUM (ANALYZE) {string.Join(", ", CaseTables.Append("CaseNumberCounters").Append("OrgUnits").Append("Leaders").Select(t => $"\"{t}\""))}"
                : "ANALYZE";
            analyze.CommandTimeout = 0;
            await analyze.ExecuteNonQueryAsync(ct);
        }

        return (open, petitioners, events);
    }

    /// <summary>
    /// The fate of one case. Most are handled and closed in two to three months; those received lately are still on
    /// the way (their state is the last step before today); a few older ones got stuck (open and overdue); 12% were not
    /// accepted and 1% were transferred elsewhere recently.
    /// </summary>
    private static Plan PlanCase(Random rng, DateOnly received, DateOnly today)
    {
        var p = new Plan { Received = received };
        var age = today.DayNumber - received.DayNumber;
        var roll = rng.Next(0, 100);
        if (roll < 12)
        {
            p.Refused = received.AddDays(1 + rng.Next(0, 10));
            p.State = p.Refused < today ? CaseState.NotAccepted : CaseState.Registered;
            if (p.State == CaseState.Registered) p.Refused = default;
            return p;
        }

        if (roll < 13 && age < 40)
        {
            p.Transferred = received.AddDays(1 + rng.Next(0, 5));
            if (p.Transferred < today)
            {
                p.State = CaseState.Transferred;
                return p;
            }

            p.Transferred = default;
            p.State = CaseState.Registered;
            return p;
        }

        p.Stuck = age is > 60 and < 400 && rng.Next(0, 200) == 0;
        p.Accepted = received.AddDays(1 + (rng.Next(0, 4) == 0 ? rng.Next(3, 12) : rng.Next(0, 3)));
        p.Assigned = p.Accepted.AddDays(rng.Next(0, 4));
        p.Started = p.Assigned.AddDays(rng.Next(0, 3));
        p.Replied = p.Accepted.AddDays(rng.Next(0, 8) == 0 ? 61 + rng.Next(0, 30) : 15 + rng.Next(0, 45));
        p.Evaluated = p.Replied.AddDays(2 + rng.Next(0, 10));
        p.Closed = p.Evaluated.AddDays(1 + rng.Next(0, 7));
        if (p.Stuck) p.Replied = p.Evaluated = p.Closed = DateOnly.MaxValue;

        // Progress every week or two until the reply (or today).
        var until = p.Replied < today ? p.Replied : today;
        p.LastProgress = p.Started;
        for (var d = p.Started.AddDays(6 + rng.Next(0, 8)); d < until; d = d.AddDays(6 + rng.Next(0, 14))) p.LastProgress = d;
        if (p.Stuck) p.LastProgress = p.Started.AddDays(rng.Next(0, 20)) is var s && s < today ? s : p.Started;

        p.State = p.Closed < today ? CaseState.Closed
            : p.Evaluated < today ? CaseState.Evaluated
            : p.Replied < today ? CaseState.Replied
            : p.Started < today ? CaseState.InProgress
            : p.Assigned < today ? CaseState.Assigned
            : p.Accepted < today ? CaseState.Accepted
            : CaseState.Registered;
        if (p.State != CaseState.Closed) p.Closed = default;
        if (p.State is not (CaseState.Closed or CaseState.Evaluated)) p.Evaluated = default;
        if (p.State is not (CaseState.Closed or CaseState.Evaluated or CaseState.Replied)) p.Replied = default;
        if (p.State is CaseState.Registered or CaseState.Accepted or CaseState.Assigned) p.Started = p.LastProgress = default;
        if (p.State is CaseState.Registered or CaseState.Accepted) p.Assigned = default;
        if (p.State is CaseState.Registered) p.Accepted = default;
        if (p.LastProgress >= today) p.LastProgress = p.Started;
        return p;
    }

    /// <summary>Up to three history steps after registration: the last ones the case went through.</summary>
    private static IEnumerable<(CaseChange Change, DateOnly Day, int Hour)> Steps(Plan p, Assignment assignment, int? transferredTo, string? reply)
    {
        var all = new List<(CaseChange, DateOnly, int)>();
        if (p.Refused != default) all.Add((new AcceptanceRefused(CaseState.Registered, RefusalReason), p.Refused, 10));
        if (p.Transferred != default)
            all.Add((new Transferred(new Routing(CaseState.Registered, null), new Routing(CaseState.Transferred, transferredTo)), p.Transferred, 11));
        if (p.Accepted != default) all.Add((new StateChanged(CaseEventKind.Accepted, CaseState.Registered, CaseState.Accepted), p.Accepted, 10));
        if (p.Assigned != default) all.Add((new Assigned(CaseState.Accepted, assignment), p.Assigned, 14));
        if (p.Started != default) all.Add((new StateChanged(CaseEventKind.HandlingStarted, CaseState.Assigned, CaseState.InProgress), p.Started, 15));
        if (p.Replied != default) all.Add((new Replied(CaseState.InProgress, p.Replied, reply ?? ""), p.Replied, 16));
        if (p.Closed != default)
            all.Add((new StateChanged(CaseEventKind.Closed, p.Evaluated != default ? CaseState.Evaluated : CaseState.Replied, CaseState.Closed), p.Closed, 17));
        return all.Count <= 3 ? all : all.Skip(all.Count - 3);
    }

    private const string RefusalReason = "不属于信访事项受理范围，已告知信访人通过其他途径反映。";

    // ================================================================ SQL helpers

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        if (conn.State != ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        return conn;
    }

    private static DbCommand Prepare(DbConnection conn, string table, string[] columns, IDbContextTransaction? tx = null)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx?.GetDbTransaction();
        cmd.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        for (var i = 0; i < columns.Length; i++)
        {
            var parameter = cmd.CreateParameter();
            parameter.ParameterName = "@p" + i;
            cmd.Parameters.Add(parameter);
        }

        return cmd;
    }

    /// <summary>
    /// Where the rows of one table go: on SQLite a prepared INSERT per row; on PostgreSQL the rows are kept until
    /// <see cref="TableWriter.FlushAsync"/> and sent with one binary COPY (one round trip per batch instead of per row).
    /// </summary>
    private async Task<TableWriter> WriterAsync(DbConnection conn, string table, string[] columns, IDbContextTransaction? tx, CancellationToken ct) =>
        postgres
            ? new CopyWriter((NpgsqlConnection)conn, table, columns, await ColumnTypesAsync(conn, table, columns, ct))
            : new InsertWriter(Prepare(conn, table, columns, tx));

    /// <summary>The PostgreSQL types of the columns (binary COPY sends each value in its column's own format).</summary>
    private static async Task<NpgsqlDbType[]> ColumnTypesAsync(DbConnection conn, string table, string[] columns, CancellationToken ct)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = $"SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}'";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) types[reader.GetString(0)] = reader.GetString(1);
        }

        return columns.Select(c => types[c] switch
        {
            "integer" => NpgsqlDbType.Integer,
            "bigint" => NpgsqlDbType.Bigint,
            "smallint" => NpgsqlDbType.Smallint,
            "boolean" => NpgsqlDbType.Boolean,
            "text" => NpgsqlDbType.Text,
            "character varying" => NpgsqlDbType.Varchar,
            "date" => NpgsqlDbType.Date,
            "timestamp with time zone" => NpgsqlDbType.TimestampTz,
            "jsonb" => NpgsqlDbType.Jsonb,
            "bytea" => NpgsqlDbType.Bytea,
            var other => throw new NotSupportedException($"Column {table}.{c} has type {other}, which the seed does not write."),
        }).ToArray();
    }

    private abstract class TableWriter : IAsyncDisposable
    {
        public abstract Task AddAsync(CancellationToken ct, params object?[] values);

        public virtual Task FlushAsync(CancellationToken ct) => Task.CompletedTask;

        public abstract ValueTask DisposeAsync();
    }

    private sealed class InsertWriter(DbCommand command) : TableWriter
    {
        public override Task AddAsync(CancellationToken ct, params object?[] values) => Exec(command, ct, values);

        public override ValueTask DisposeAsync() => command.DisposeAsync();
    }

    private sealed class CopyWriter(NpgsqlConnection connection, string table, string[] columns, NpgsqlDbType[] types) : TableWriter
    {
        private readonly List<object?[]> rows = [];

        public override Task AddAsync(CancellationToken ct, params object?[] values)
        {
            rows.Add((object?[])values.Clone()); // the caller reuses its array
            return Task.CompletedTask;
        }

        public override async Task FlushAsync(CancellationToken ct)
        {
            if (rows.Count == 0) return;
            var sql = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
            await using (var importer = await connection.BeginBinaryImportAsync(sql, ct))
            {
                importer.Timeout = TimeSpan.FromHours(1);
                foreach (var row in rows)
                {
                    await importer.StartRowAsync(ct);
                    for (var i = 0; i < row.Length; i++)
                    {
                        if (row[i] is null) await importer.WriteNullAsync(ct);
                        else await importer.WriteAsync(row[i], types[i], ct);
                    }
                }

                await importer.CompleteAsync(ct);
            }

            rows.Clear();
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>
    /// The search index rows on PostgreSQL: COPY in text format, so that the server reads each tsvector exactly as the app's
    /// <c>CAST(@terms AS tsvector)</c> does (the terms are letters and digits separated by spaces: nothing to escape).
    /// </summary>
    private sealed class SearchCopyWriter(NpgsqlConnection connection) : TableWriter
    {
        private readonly List<(int Id, string Terms)> rows = [];

        public override Task AddAsync(CancellationToken ct, params object?[] values)
        {
            var terms = (string)values[1]!;
            if (terms.AsSpan().IndexOfAny('\\', '\t', '\n') >= 0 || terms.Contains('\r', StringComparison.Ordinal))
                throw new InvalidOperationException("Search terms must not hold backslashes, tabs or line breaks.");
            rows.Add(((int)values[0]!, terms));
            return Task.CompletedTask;
        }

        public override async Task FlushAsync(CancellationToken ct)
        {
            if (rows.Count == 0) return;
            await using (var writer = await connection.BeginTextImportAsync($"COPY \"{CaseSearchIndex.Table}\" (\"CaseId\", \"Terms\") FROM STDIN", ct))
            {
                foreach (var (id, terms) in rows)
                {
                    await writer.WriteAsync(id.ToString(CultureInfo.InvariantCulture));
                    await writer.WriteAsync('\t');
                    await writer.WriteAsync(terms);
                    await writer.WriteAsync('\n');
                }
            }

            rows.Clear();
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static Task<int> Exec(DbCommand cmd, CancellationToken ct, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        return cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<int> NextIdAsync(DbConnection conn, string table, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT COALESCE(MAX(\"Id\"), 0) FROM \"{table}\"";
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) + 1;
    }

    /// <summary>Explicit ids were written: move PostgreSQL's identity sequences past them (SQLite's AUTOINCREMENT follows by itself).</summary>
    private async Task FixSequencesAsync(DbConnection conn, string[] tables, CancellationToken ct)
    {
        if (!postgres) return;
        foreach (var table in tables)
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), GREATEST(COALESCE(MAX(\"Id\"), 0), 1)) FROM \"{table}\"";
            await cmd.ExecuteScalarAsync(ct);
        }
    }

    /// <summary>Drops the secondary indexes of the case tables (returning the statements that recreate them exactly).</summary>
    private static readonly string[] IndexedCaseTables = ["Cases", "CasePetitioners", "CaseEvents", "CaseCoHandlingUnits", "CaseSearch"];

    private async Task<List<string>> DropIndexesAsync(DbConnection conn, CancellationToken ct)
    {
        var found = new List<(string Name, string Sql)>();
        await using (var cmd = conn.CreateCommand())
        {
            var tables = string.Join(", ", IndexedCaseTables.Select(t => $"'{t}'"));
            cmd.CommandText = postgres
                ? $"SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ({tables}) AND indexname NOT LIKE 'PK_%'"
                : $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ({tables}) AND sql IS NOT NULL";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) found.Add((reader.GetString(0), reader.GetString(1)));
        }

        foreach (var (name, _) in found)
        {
            await using var drop = conn.CreateCommand();
            drop.CommandText = $"DROP INDEX \"{name}\"";
            await drop.ExecuteNonQueryAsync(ct);
        }

        return found.Select(f => f.Sql).ToList();
    }

    /// <summary>Deletes every case and what hangs on it (children first; cases reference each other, so those links first).</summary>
    private async Task DeleteCasesAsync(CancellationToken ct)
    {
        var conn = await OpenAsync(ct);
        if (postgres)
        {
            // A million rows go at once with TRUNCATE; if another table refers to the cases, PostgreSQL refuses and DELETE follows.
            try
            {
                await using var truncate = conn.CreateCommand();
                truncate.CommandText = $"TRUNCATE {string.Join(", ", CaseTables.Append("CaseNumberCounters").Select(t => $"\"{t}\""))}";
                truncate.CommandTimeout = 0;
                await truncate.ExecuteNonQueryAsync(ct);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.FeatureNotSupported)
            {
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var statements = CaseTables.Where(t => t != "Cases").Select(t => $"DELETE FROM \"{t}\"")
            .Append("UPDATE \"Cases\" SET \"RepeatOfCaseId\" = NULL, \"ParentCaseId\" = NULL")
            .Append("DELETE FROM \"Cases\"")
            .Append("DELETE FROM \"CaseNumberCounters\"");
        foreach (var sql in statements)
        {
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx.GetDbTransaction();
            cmd.CommandText = sql;
            cmd.CommandTimeout = 0;
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    private static DateTime? At(DateOnly day, int hour) =>
        day == default || day == DateOnly.MaxValue ? null : ChinaTime.ToUtc(day, new TimeOnly(hour, (day.DayNumber * 7) % 60));

    // ================================================================ names and texts

    private static string County(int c) => $"c{c:000}";

    private static string Township(int c, int t) => $"{County(c)}-t{t:00}";

    private static string CountyName(int c) => CountyStems[(c - 1) % CountyStems.Length] + (c > CountyStems.Length ? CountyStems[(c * 7) % CountyStems.Length] : "") + (c % 5 == 0 ? "区" : "县");

    private static string TownshipName(int c, int t, bool street) =>
        TownStems[(c * 5 + t) % TownStems.Length] + (street ? "街道" : t % 3 == 0 ? "乡" : "镇");

    private static LeadingBody Body(int i) => (i % 4) switch
    {
        0 => LeadingBody.PartyCommittee,
        1 => LeadingBody.Government,
        2 => LeadingBody.PeoplesCongress,
        _ => LeadingBody.PoliticalConsultative,
    };

    private static string PersonName(Random rng) =>
        Surnames[rng.Next(Surnames.Length)] + GivenNames[rng.Next(GivenNames.Length)];

    private static string Phone(Random rng) =>
        string.Create(CultureInfo.InvariantCulture, $"1{"358"[rng.Next(3)]}{rng.Next(0, 10)}{rng.Next(0, 100_000_000):00000000}");

    private static string IdNumber(Random rng, CountyWorld county)
    {
        var birth = new DateOnly(1945, 1, 1).AddDays(rng.Next(0, 20_000));
        var first17 = string.Create(CultureInfo.InvariantCulture, $"44{int.Parse(county.Code.AsSpan(1), CultureInfo.InvariantCulture) % 100:00}{rng.Next(1, 30):00}{birth:yyyyMMdd}{rng.Next(0, 1000):000}");
        return first17 + IdentityNumber.CheckCharacter(first17);
    }

    private static int PickCategory(Random rng, int count)
    {
        // Skewed: the first categories (land, construction, labour, rural) are the most common.
        var x = rng.NextDouble();
        return Math.Min(count - 1, (int)(x * x * count));
    }

    private static Channel PickChannel(Random rng) => rng.Next(0, 100) switch
    {
        < 35 => Channel.Visit,
        < 45 => Channel.Letter,
        < 75 => Channel.Online,
        < 85 => Channel.Phone,
        < 93 => Channel.LeaderReception,
        < 97 => Channel.AssignedFromAbove,
        _ => Channel.FoundOnVisit,
    };

    private static int PickEvaluation(Random rng) => rng.Next(0, 100) switch
    {
        < 60 => (int)Evaluation.Satisfied,
        < 90 => (int)Evaluation.BasicallySatisfied,
        _ => (int)Evaluation.Dissatisfied,
    };

    private static readonly (string Summary, string Content, string Reply)[] Summaries =
    [
        ("反映征地补偿款未足额发放", "信访人反映村里土地被征收后补偿款未足额发放到户。", "经核查，补偿款已拨付，正在按程序发放到户。"),
        ("反映企业拖欠农民工工资", "信访人反映在某建筑工地务工，工程完工后工资被拖欠。", "已责令企业限期支付，拖欠工资已发放到位。"),
        ("反映小区物业服务差、乱收费", "信访人反映小区物业公司擅自上调物业费，服务质量差。", "已约谈物业公司，责令整改并退还多收费用。"),
        ("反映单位未依法缴纳社会保险", "信访人反映单位多年未为其缴纳社会保险。", "已责令单位补缴社会保险费。"),
        ("反映宅基地审批纠纷", "信访人申请宅基地建房长期未获批准。", "经核查符合条件，已完成审批手续。"),
        ("反映商品房逾期交房", "信访人购买的商品房已逾期交付，开发商拖延办证。", "经协调，开发商已承诺限期交房并办理产权证。"),
        ("反映企业噪声扰民", "信访人反映附近企业夜间生产噪声严重。", "经监测超标，已责令企业整改，复测达标。"),
        ("申请最低生活保障未获批准", "信访人因病致贫申请低保被拒。", "经重新核查，已纳入低保保障范围。"),
        ("对法院判决不服", "信访人对民事判决不服，认为认定事实错误。", "已引导信访人依法申请再审。"),
        ("反映子女入学难", "信访人反映孩子被划入较远学校学区。", "已为信访人子女协调就近学校学位。"),
        ("反映道路施工长期未完工", "信访人反映道路施工超期影响出行。", "已督促施工单位加快进度，设置临时便道。"),
        ("反映养殖场污水直排", "信访人反映养殖场污水直排河道。", "已立案查处并责令建设污水处理设施。"),
        ("反映土地承包经营权纠纷", "信访人反映承包地被他人占用耕种。", "已责令占用人退还并赔偿损失。"),
        ("原企业职工反映改制安置补偿未到位", "信访人系原国有企业职工，改制补偿未足额支付。", "补偿差额已列入专项资金分期发放。"),
        ("反映医疗纠纷要求赔偿", "信访人认为家属治疗期间存在误诊。", "已引导通过医疗纠纷人民调解委员会调解。"),
        ("反映邻里纠纷长期未解决", "信访人与邻居因排水问题发生纠纷。", "经司法所调解，双方达成协议。"),
    ];

    private static readonly string[] CountyStems =
        ["安平", "宝丰", "昌乐", "大安", "定远", "丰宁", "福山", "广宁", "海阳", "和平", "华容", "怀远", "嘉禾", "建德", "江华", "金城", "锦屏", "景宁", "乐安", "临川"];

    private static readonly string[] TownStems =
        ["城关", "东关", "西关", "南湖", "北山", "河口", "桥头", "新集", "马店", "杨柳", "白沙", "黄庄", "石门", "龙泉", "青石", "红旗", "太平", "永安", "三河", "长岭", "柳林", "高庄", "李集", "王楼"];

    private static readonly string[] VillageNames =
        ["前进", "光明", "红星", "胜利", "团结", "新华", "和平", "建设", "幸福", "东风", "向阳", "五星", "联合", "兴旺", "富强", "民主"];

    private static readonly string[] DepartmentNames =
        ["人力资源和社会保障局", "自然资源局", "住房和城乡建设局", "公安局", "司法局", "人民法院", "教育局", "卫生健康局", "民政局", "农业农村局"];

    private static readonly string[] ProvinceTitles = ["省委书记", "省长", "省人大常委会主任", "省政协主席", "省委副书记", "常务副省长", "副省长"];

    private static readonly string[] CountyTitles = ["县委书记", "县长", "县人大常委会主任", "县政协主席", "县委副书记", "常务副县长", "副县长", "县委常委", "县人大常委会副主任", "县政协副主席"];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];

    private static readonly string[] GivenNames = ["建国", "秀英", "志强", "丽华", "海涛", "桂兰", "国庆", "玉梅", "春生", "晓红", "德明", "淑芬", "永强", "红梅", "立新", "小芳"];

    /// <summary>The <see cref="CurrentUser"/> of <paramref name="userName"/> as a request would see it (for benchmarks and tests).</summary>
    public static async Task<CurrentUser> SignedInAsync(IServiceProvider services, string userName)
    {
        var user = await services.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName)
                   ?? throw new InvalidOperationException($"No user {userName}: seed the province first.");
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
        return new CurrentUser(new FixedContext { HttpContext = new DefaultHttpContext { User = principal } });
    }

    /// <summary>Holds one context in a field (the framework's accessor keeps it in an AsyncLocal, lost when an async method returns).</summary>
    private sealed class FixedContext : IHttpContextAccessor
    {
        public HttpContext? HttpContext { get; set; }
    }
}
