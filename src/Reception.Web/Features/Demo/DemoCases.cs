using Microsoft.EntityFrameworkCore;
using Reception.Core.Calendar;
using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Core.Organisation;
using Reception.Core.Time;
using Reception.Web.Features.Cases;
using Reception.Web.Data.Seed;

namespace Reception.Web.Features.Demo;

/// <summary>
/// The demo city's petition cases: <see cref="Total"/> cases received over the ten months before "today" (the injected
/// clock), in every state and — for the open ones, today — every colour, spread over the townships and categories. The
/// leaders (the city's 12 and the townships') own <see cref="LeaderOwned"/> of them and have resolved
/// <see cref="LeaderResolved"/>. Every case is driven through the domain's operations with past timestamps, so the
/// histories are real; then its clock and colour are computed for today. Deterministic for a given "today"
/// (fixed random seed). The stories include 集体访, 重复访, 越级访, 复查/复核 and one 终结 with a later 不再受理 filing,
/// transfers with an objection, an approved extension, a 挂牌督办 case, 督办 notices and 包案 checklists.
/// <para>
/// Numbers are allocated in order of receipt per registering unit and year, and the number counters are filled so that
/// new cases continue after them. No demo case is registered by 青山镇 (qingshan): its numbers stay free for tests.
/// </para>
/// <para>
/// The domain's <see cref="PetitionCase.Assign"/> always names an owning leader, so every case that reached 交办 is owned:
/// the other cases are still 登记/转送/受理 (recent) or were not accepted (不予受理).
/// </para>
/// </summary>
public sealed class DemoCases(AppDbContext db, CaseService cases, TimeProvider clock)
{
    public const int RandomSeed = 20_261_122;
    public const int Total = 300;
    public const int LeaderOwned = 140;
    public const int LeaderResolved = 117;

    /// <summary>Received dates reach back this many days.</summary>
    public const int HistoryDays = 300;

    private const string NoMatterTownship = "qingshan";

    private readonly Random rng = new(RandomSeed);
    private readonly HashSet<string> usedIdentityNumbers = new(StringComparer.Ordinal);
    private readonly List<Story> stories = [];
    private DateOnly today;
    private WorkingDayCalendar calendar = null!;
    private OrgUnit city = null!;
    private List<Township> townships = [];
    private Dictionary<string, OrgUnit> departments = [];
    private List<Leader> cityLeaders = [];
    private Dictionary<int, List<Leader>> townshipLeaders = [];
    private Dictionary<int, string> leaderUsers = [];
    private List<ChecklistItem> checklist = [];
    private string clerk = "", supervisor = "", unitUser = "";
    private int owned, resolved, cityLeaderTurn;

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LoadAsync(ct);
        Plan();
        AllocateNumbers();
        await RunAsync(ct);
        await tx.CommitAsync(ct);
    }

    // ================================================================ loading

    private sealed record Township(OrgUnit Unit, IReadOnlyList<OrgUnit> Villages, int Index);

    private async Task LoadAsync(CancellationToken ct)
    {
        today = ChinaTime.Today(clock);
        calendar = await cases.CalendarAsync(ct);
        city = await db.OrgUnits.SingleAsync(o => o.Code == DemoData.CityCode, ct);
        var below = await db.OrgUnits.Where(o => o.ParentId != null).ToListAsync(ct);
        townships = below.Where(o => o.ParentId == city.Id && o.Kind.IsTownshipLevel()).OrderBy(o => o.SortOrder)
            .Select((t, i) => new Township(t, below.Where(v => v.ParentId == t.Id).OrderBy(v => v.SortOrder).ToList(), i)).ToList();
        departments = below.Where(o => o.Kind == OrgUnitKind.Department).ToDictionary(o => o.Code);
        var leaders = await db.Leaders.OrderBy(l => l.OrgUnitId).ThenBy(l => l.RotationOrder).ToListAsync(ct);
        cityLeaders = leaders.Where(l => l.OrgUnitId == city.Id).ToList();
        townshipLeaders = leaders.Where(l => l.OrgUnitId != city.Id).GroupBy(l => l.OrgUnitId).ToDictionary(g => g.Key, g => g.ToList());
        var users = await db.Users.Select(u => new { u.Id, u.UserName, u.LeaderId }).ToListAsync(ct);
        clerk = users.Single(u => u.UserName == "clerk").Id;
        supervisor = users.Single(u => u.UserName == "supervisor").Id;
        unitUser = users.Single(u => u.UserName == "unit").Id;
        leaderUsers = users.Where(u => u.LeaderId != null).ToDictionary(u => u.LeaderId!.Value, u => u.Id);
        checklist = await db.ChecklistItems.Where(i => i.IsActive).OrderBy(i => i.SortOrder).ToListAsync(ct);
        var known = await db.CaseCategories.Select(c => c.Code).ToListAsync(ct);
        foreach (var topic in Topics.Keys)
            if (!known.Contains(topic)) throw new InvalidOperationException($"The demo cases need the case category '{topic}'.");
    }

    // ================================================================ the plan

    /// <summary>One story: one case, or a chain of appeals (level 0, 1, 2) whose operations interleave in time.</summary>
    private sealed class Story
    {
        public readonly List<Script> Levels = [];
        public readonly List<Op> Ops = [];
        public readonly Dictionary<DateOnly, int> PerDay = [];
        public int Next;
    }

    /// <summary>A dated operation; <see cref="Ready"/> false means "wait until the database has handed out the ids it needs".</summary>
    private sealed record Op(DateTime At, int Seq, Action Run, Func<bool>? Ready);

    /// <summary>The plan of one case: what the matter is, who it is, and the days of each step.</summary>
    private sealed class Script(Story story, int level)
    {
        public Story Story { get; } = story;
        public int Level { get; } = level;
        public PetitionCase? Case;
        public CaseNumber? Number;
        public required Matter Matter;
        public required DateOnly Received;
        public required OrgUnit Unit;
        public PetitionCase C => Case ?? throw new InvalidOperationException("The case is not registered yet.");
    }

    private sealed record Matter(
        string Category, string Summary, string Content, string Reply, int People, IReadOnlyList<CasePetitioner> Petitioners,
        Township Township, OrgUnit Village, OrgUnit HandlingUnit, Channel Channel);

    /// <summary>The days of a case's steps (null = not reached) and who does what.</summary>
    private sealed class Life
    {
        public DateOnly? Transfer, Objection, Retransfer, Accept, Refuse, Assign, Start, Extension, Reply, Evaluate, Close, Resolve, Listed, Terminate, Instruction;
        public readonly List<DateOnly> Progress = [];
        public readonly List<DateOnly> Ticks = [];
        public OrgUnit? TransferTo, RetransferTo;
        public string? RefuseReason;
        public Evaluation? Evaluation;
        public Leader? Owner;
        public int ExtensionDays;
    }

    private void Plan()
    {
        // ---- 终结: original → 复查 → 复核 terminated; later the same petitioner files again: 不再受理.
        {
            var m = NewMatter("land", township: 5);
            var story = NewStory();
            var start = today.AddDays(-HistoryDays + 2);
            var owner = cityLeaders[1];
            var original = Add(story, m, start, TownshipUnit(m));
            var l0 = Forward(original, owner, evaluation: Evaluation.Dissatisfied, close: true, resolve: false);
            var reviewOn = l0.Reply!.Value.AddDays(12);
            var review = Appeal(original, reviewOn, city, owner, evaluation: Evaluation.Dissatisfied, close: true, resolve: false);
            var rereviewOn = review.Reply!.Value.AddDays(9);
            var rereview = Appeal(Levels(story)[1], rereviewOn, city, owner, evaluation: null, close: false, resolve: false);
            rereview.Terminate = rereview.Reply!.Value.AddDays(6);
            Emit(Levels(story)[2], rereview);

            var again = NewStory();
            var filing = Add(again, m with { Channel = Channel.Visit, Petitioners = [m.Petitioners[0].CopyForDemo()], People = 1 },
                rereview.Terminate!.Value.AddDays(40), city);
            var life = new Life { Refuse = filing.Received.AddDays(2), RefuseReason = "该信访事项已经复核终结，信访人以同一事实和理由再次提出，依照《信访工作条例》第三十六条不再受理。" };
            Emit(filing, life, repeatOf: Levels(story)[2], flags: [CaseFlags.NoLongerAccepted]);
        }

        // ---- 复查 in progress; 复查 closed; 复核 just requested.
        {
            var m = NewMatter("labour", township: 1);
            var story = NewStory();
            var original = Add(story, m, today.AddDays(-50 - rng.Next(0, 4)), TownshipUnit(m));
            var owner = NextCityLeader();
            var l0 = new Life { Owner = owner };
            PlanHandling(l0, original.Received, acceptAfter: 2, replyAfter: 25);
            l0.Evaluation = Evaluation.Dissatisfied;
            l0.Evaluate = l0.Reply!.Value.AddDays(3);
            l0.Close = l0.Evaluate.Value.AddDays(2);
            Emit(original, l0);
            var requested = l0.Reply.Value.AddDays(8);
            var review = AddAppeal(original, requested, city);
            var l1 = Open(review, CaseState.InProgress, SupervisionColour.Green, owner, clockStart: requested);
            Emit(review, l1);
        }
        {
            var m = NewMatter("property", township: 2);
            var story = NewStory();
            var original = Add(story, m, today.AddDays(-240 - rng.Next(0, 20)), TownshipUnit(m));
            var owner = NextCityLeader();
            var l0 = Forward(original, owner, Evaluation.Dissatisfied, close: true, resolve: false);
            Appeal(original, l0.Reply!.Value.AddDays(15), city, owner, Evaluation.BasicallySatisfied, close: true, resolve: true);
        }
        {
            var m = NewMatter("enterprise", township: 3);
            var story = NewStory();
            var original = Add(story, m, today.AddDays(-150 - rng.Next(0, 10)), TownshipUnit(m));
            var owner = NextCityLeader();
            var l0 = Forward(original, owner, Evaluation.Dissatisfied, close: true, resolve: false);
            var requested = l0.Reply!.Value.AddDays(10);
            var review = AddAppeal(original, requested, city);
            var l1 = new Life { Owner = owner };
            PlanHandling(l1, requested, acceptAfter: 1, replyAfter: 24);
            l1.Evaluation = Evaluation.Dissatisfied;
            l1.Evaluate = l1.Reply!.Value.AddDays(4);
            Emit(review, l1);
            var rereviewOn = l1.Evaluate.Value.AddDays(5);
            if (rereviewOn >= today) throw new InvalidOperationException("The 复核 demo story does not fit before today.");
            AddAppeal(review, rereviewOn, city); // registered, nothing more: the 复核 clock runs
        }

        // ---- 挂牌督办 (red while listed), an approved extension, 督办 notices.
        {
            var s = Add(NewStory(), NewMatter("land", township: 4), default, city);
            var life = Open(s, CaseState.InProgress, SupervisionColour.Red, NextCityLeader(), listed: true);
            Emit(s, life, flags: [CaseFlags.Key]);
        }
        {
            var s = Add(NewStory(), NewMatter("construction", township: 6), default, city);
            var life = Open(s, CaseState.InProgress, SupervisionColour.Green, NextCityLeader(), extensionDays: 30);
            Emit(s, life);
            var closed = Add(NewStory(), NewMatter("rural", township: 7), default, city);
            var l = Forward(closed, NextCityLeader(), Evaluation.BasicallySatisfied, close: true, resolve: true, extensionDays: 20);
            _ = l;
        }
        {
            // Overdue notice on an overdue case; answered notice; notice still in time.
            var a = Add(NewStory(), NewMatter("labour", township: 0, handling: "rsj"), default, city);
            var la = Open(a, CaseState.InProgress, SupervisionColour.Yellow, NextCityLeader());
            Emit(a, la, notice: (today.AddDays(-12 - rng.Next(0, 5)), 5, null));
            var b = Add(NewStory(), NewMatter("labour", township: 2, handling: "rsj"), default, city);
            var lb = Open(b, CaseState.InProgress, SupervisionColour.Green, NextCityLeader());
            Emit(b, lb, notice: (lb.Start!.Value.AddDays(1), 7, 3));
            var c = Add(NewStory(), NewMatter("environment", township: 6), default, city);
            var lc = Open(c, CaseState.InProgress, SupervisionColour.Blue, NextCityLeader());
            Emit(c, lc, notice: (today.AddDays(-2), 10, null));
        }

        // ---- transfers with an objection: one still waiting, one re-routed and handled to the end.
        {
            var s = Add(NewStory(), NewMatter("construction", township: 1), default, city);
            var life = Open(s, CaseState.Transferred, SupervisionColour.Green, null, transferTo: departments["rsj"]);
            Emit(s, life);
        }
        {
            var m = NewMatter("property", township: 3, handling: "zjj");
            var s = Add(NewStory(), m, today.AddDays(-200 - rng.Next(0, 30)), city);
            var life = new Life { Owner = NextCityLeader() };
            life.Transfer = s.Received.AddDays(2);
            life.TransferTo = departments["rsj"];
            life.Objection = life.Transfer.Value.AddDays(2);
            life.Retransfer = life.Objection.Value.AddDays(1);
            life.RetransferTo = departments["zjj"];
            PlanHandling(life, life.Retransfer.Value, acceptAfter: 2, replyAfter: 40);
            life.Evaluation = Evaluation.Satisfied;
            life.Evaluate = life.Reply!.Value.AddDays(5);
            life.Close = life.Evaluate.Value.AddDays(2);
            life.Resolve = life.Reply.Value;
            Emit(s, life);
        }

        // ---- 重复访: the same petitioner again (linked to the earlier case).
        for (var i = 0; i < 6; i++)
        {
            var m = NewMatter(null, township: (i + 2) % 8);
            var earlier = Add(NewStory(), m, today.AddDays(-HistoryDays + 20 + rng.Next(0, 60)), TownshipOrCity(m));
            if (i < 3)
            {
                Forward(earlier, OwnerFor(m), i == 0 ? Evaluation.BasicallySatisfied : Evaluation.Dissatisfied, close: true, resolve: i == 0);
            }
            else
            {
                Emit(earlier, Refused(earlier, m.Category));
            }

            var again = Add(NewStory(), m with { Channel = Channel.Visit }, default, city);
            switch (i)
            {
                case 0: Emit(again, Open(again, CaseState.InProgress, SupervisionColour.Yellow, OwnerFor(m), noProgress: true), repeatOf: earlier); break;
                case 1: Emit(again, Open(again, CaseState.Accepted, SupervisionColour.Yellow, null), repeatOf: earlier); break;
                case 2:
                    again = Retime(again, today.AddDays(-120 - rng.Next(0, 20)));
                    Forward(again, OwnerFor(m), Evaluation.Satisfied, close: true, resolve: true, repeatOf: earlier);
                    break;
                case 3: Emit(again, Refused(Retime(again, today.AddDays(-3 - rng.Next(0, 40))), m.Category), repeatOf: earlier); break;
                case 4: Emit(again, Open(again, CaseState.Registered, SupervisionColour.Blue, null), repeatOf: earlier); break;
                default: Emit(again, Open(again, CaseState.Transferred, SupervisionColour.Yellow, null), repeatOf: earlier); break;
            }
        }

        // ---- 越级访: filed with the city while a street still handles it in time.
        for (var i = 0; i < 3; i++)
        {
            var m = NewMatter(null, township: i == 2 ? 1 : 0);
            var lowerLife = Open(Add(NewStory(), m, default, m.Township.Unit), CaseState.InProgress, SupervisionColour.Green, OwnerFor(m, preferTownship: true));
            var lower = openScripts[lowerLife];
            Emit(lower, lowerLife);
            var skip = Add(NewStory(), m with { Channel = Channel.Visit }, lower.Received.AddDays(5 + i), city);
            if (skip.Received >= today) skip = Retime(skip, today.AddDays(-1));
            if (i < 2)
            {
                var life = new Life
                {
                    Refuse = Min(skip.Received.AddDays(1), today.AddDays(-1)),
                    RefuseReason = $"该事项已由{m.Township.Unit.Name}受理且在办理期限内，属越级走访，已告知信访人向{m.Township.Unit.Name}反映并等待办理结果。",
                };
                Emit(skip, life, repeatOf: lower, flags: [CaseFlags.LevelSkipping]);
            }
            else
            {
                Emit(skip, new Life(), repeatOf: lower, flags: [CaseFlags.LevelSkipping]);
            }
        }

        // ---- the rest: mostly handled and closed, some not accepted, some new.
        const int openOwned = 4;
        var bulkOwned = LeaderOwned - owned;
        var bulkResolved = LeaderResolved - resolved;
        var closedUnresolved = bulkOwned - openOwned - bulkResolved;
        if (closedUnresolved < 0) throw new InvalidOperationException("The demo plan cannot reach the leaders' figures.");
        var remaining = Total - stories.Sum(s => s.Levels.Count);
        var bulkUnowned = remaining - bulkOwned;

        // Owned and open: two assigned (green, yellow), two in progress (blue, red).
        foreach (var (state, colour) in new[] { (CaseState.Assigned, SupervisionColour.Green), (CaseState.Assigned, SupervisionColour.Yellow), (CaseState.InProgress, SupervisionColour.Blue), (CaseState.InProgress, SupervisionColour.Red) })
        {
            var m = NewMatter(null);
            var s = Add(NewStory(), m, default, TownshipOrCity(m));
            Emit(s, Open(s, state, colour, OwnerFor(m)));
        }

        // Owned and past the reply: replied, evaluated, closed.
        var handled = bulkOwned - openOwned;
        for (var i = 0; i < handled; i++)
        {
            var m = NewMatter(null);
            var s = Add(NewStory(), m, default, TownshipOrCity(m));
            var kind = i < 6 ? CaseState.Replied : i < 11 ? CaseState.Evaluated : CaseState.Closed;
            var unresolved = i >= handled - closedUnresolved;
            var evaluation = kind == CaseState.Replied ? (Evaluation?)null : unresolved ? Evaluation.Dissatisfied : PickEvaluation();
            Forward(s, OwnerFor(m), evaluation, close: kind == CaseState.Closed, resolve: !unresolved, recent: kind != CaseState.Closed,
                flags: i % 17 == 3 ? [CaseFlags.Key] : m.Channel == Channel.AssignedFromAbove ? [CaseFlags.Backlog] : []);
        }

        // Not owned: new (registered, transferred, accepted — in every colour they can have) and not accepted.
        var fresh = new (CaseState State, SupervisionColour Colour)[]
        {
            (CaseState.Registered, SupervisionColour.Green), (CaseState.Registered, SupervisionColour.Green), (CaseState.Registered, SupervisionColour.Green),
            (CaseState.Registered, SupervisionColour.Green), (CaseState.Registered, SupervisionColour.Blue), (CaseState.Registered, SupervisionColour.Blue),
            (CaseState.Registered, SupervisionColour.Blue), (CaseState.Registered, SupervisionColour.Yellow), (CaseState.Registered, SupervisionColour.Yellow),
            (CaseState.Registered, SupervisionColour.Red), (CaseState.Registered, SupervisionColour.Green), (CaseState.Registered, SupervisionColour.Blue),
            (CaseState.Transferred, SupervisionColour.Green), (CaseState.Transferred, SupervisionColour.Green), (CaseState.Transferred, SupervisionColour.Blue),
            (CaseState.Transferred, SupervisionColour.Blue), (CaseState.Transferred, SupervisionColour.Yellow), (CaseState.Transferred, SupervisionColour.Red),
            (CaseState.Transferred, SupervisionColour.Green), (CaseState.Transferred, SupervisionColour.Green),
            (CaseState.Accepted, SupervisionColour.Green), (CaseState.Accepted, SupervisionColour.Green), (CaseState.Accepted, SupervisionColour.Green),
            (CaseState.Accepted, SupervisionColour.Green), (CaseState.Accepted, SupervisionColour.Green), (CaseState.Accepted, SupervisionColour.Green),
            (CaseState.Accepted, SupervisionColour.Yellow), (CaseState.Accepted, SupervisionColour.Yellow), (CaseState.Accepted, SupervisionColour.Yellow),
            (CaseState.Accepted, SupervisionColour.Green), (CaseState.Accepted, SupervisionColour.Green), (CaseState.Accepted, SupervisionColour.Red),
        };
        for (var i = 0; i < bulkUnowned; i++)
        {
            var m = NewMatter(null);
            var s = Add(NewStory(), m, default, TownshipOrCity(m));
            if (i < fresh.Length)
            {
                var (state, colour) = fresh[i];
                Emit(s, Open(s, state, colour, null));
            }
            else
            {
                s = Retime(s, today.AddDays(-rng.Next(3, HistoryDays)));
                Emit(s, Refused(s, m.Category), flags: m.Category == "legal" ? [CaseFlags.LegalChannel] : []);
            }
        }

        if (owned != LeaderOwned || resolved != LeaderResolved || stories.Sum(s => s.Levels.Count) != Total)
            throw new InvalidOperationException($"Demo plan: {stories.Sum(s => s.Levels.Count)} cases, {owned} owned, {resolved} resolved.");
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static IReadOnlyList<Script> Levels(Story story) => story.Levels;

    private Story NewStory()
    {
        var s = new Story();
        stories.Add(s);
        return s;
    }

    /// <summary>A case of <paramref name="story"/> (its next level); <paramref name="received"/> default = decided later by the plan.</summary>
    private static Script Add(Story story, Matter matter, DateOnly received, OrgUnit unit)
    {
        var s = new Script(story, story.Levels.Count) { Matter = matter, Received = received, Unit = unit };
        story.Levels.Add(s);
        return s;
    }

    private static Script Retime(Script s, DateOnly received)
    {
        var copy = new Script(s.Story, s.Level) { Matter = s.Matter, Received = received, Unit = s.Unit };
        s.Story.Levels[s.Level] = copy;
        return copy;
    }

    private Script AddAppeal(Script parent, DateOnly requested, OrgUnit reviewing)
    {
        var level = Add(parent.Story, parent.Matter with { Channel = Channel.Letter }, requested, reviewing);
        var at = parent.Story;
        AddOp(at, requested, () =>
        {
            var window = CaseClocks.AppealWindow(parent.C, cases.Rules.Deadlines, calendar, today)
                         ?? throw new InvalidOperationException("No appeal window.");
            level.Case = Ok(parent.C.FileAppeal(level.Number!, reviewing.Id, Channel.Letter, requested, window.DueDate, clerk, Time(at, requested)));
        });
        return level;
    }

    /// <summary>An appeal handled forward from its request to the reply (and evaluation, closure) on <paramref name="requested"/>.</summary>
    private Life Appeal(Script parent, DateOnly requested, OrgUnit reviewing, Leader owner, Evaluation? evaluation, bool close, bool resolve)
    {
        var appeal = AddAppeal(parent, requested, reviewing);
        var life = new Life { Owner = owner };
        PlanHandling(life, requested, acceptAfter: 1 + rng.Next(0, 2), replyAfter: 15 + rng.Next(0, 10));
        if (evaluation is { } e)
        {
            life.Evaluation = e;
            life.Evaluate = life.Reply!.Value.AddDays(3 + rng.Next(0, 4));
        }

        if (close) life.Close = (life.Evaluate ?? life.Reply!.Value).AddDays(2);
        if (resolve) life.Resolve = life.Reply!.Value;
        if (appeal.Level < 2 || life.Terminate is not null) Emit(appeal, life);
        return life;
    }

    // ---------------------------------------------------------------- forward (handled) and backward (open) plans

    /// <summary>Accept, assign, start, progress every week or two, reply after <paramref name="replyAfter"/> days from acceptance.</summary>
    private void PlanHandling(Life life, DateOnly from, int acceptAfter, int replyAfter)
    {
        life.Accept = from.AddDays(acceptAfter);
        life.Assign = life.Accept.Value.AddDays(rng.Next(0, 3));
        life.Start = life.Assign.Value.AddDays(rng.Next(0, 2));
        life.Reply = life.Accept.Value.AddDays(Math.Max(replyAfter, life.Start.Value.DayNumber - life.Accept.Value.DayNumber + 3));
        for (var d = life.Start.Value.AddDays(5 + rng.Next(0, 8)); d < life.Reply.Value; d = d.AddDays(7 + rng.Next(0, 12)))
            life.Progress.Add(d);
        if (life.Progress.Count == 0) life.Progress.Add(life.Start.Value.AddDays(1));
        if (life.Owner is not null) life.Instruction = rng.Next(0, 3) == 0 ? life.Assign.Value.AddDays(1) : null;
        PlanTicks(life, life.Assign.Value, life.Reply.Value, checklist.Count);
    }

    private void PlanTicks(Life life, DateOnly from, DateOnly until, int count)
    {
        var span = Math.Max(1, until.DayNumber - from.DayNumber);
        for (var i = 0; i < count; i++) life.Ticks.Add(from.AddDays(Math.Min(span - 1, i * span / Math.Max(1, count) + rng.Next(0, 2))));
    }

    /// <summary>
    /// A handled case from receipt to reply (evaluated, closed): <paramref name="recent"/> puts the last step within the
    /// last three weeks, otherwise anywhere in the history.
    /// </summary>
    private Life Forward(Script s, Leader owner, Evaluation? evaluation, bool close, bool resolve, bool recent = false, int extensionDays = 0,
        Script? repeatOf = null, CaseFlags[]? flags = null)
    {
        var life = new Life { Owner = owner };
        var acceptAfter = 1 + (rng.Next(0, 4) == 0 ? rng.Next(3, 10) : rng.Next(0, 3));
        var replyAfter = rng.Next(0, 7) == 0 ? 61 + rng.Next(0, 20) : 15 + rng.Next(0, 44);
        if (extensionDays > 0) replyAfter = 62 + rng.Next(0, extensionDays - 5);
        var received = s.Received == default ? today : s.Received;
        PlanHandling(life, received, acceptAfter, replyAfter);
        if (evaluation is { } e)
        {
            life.Evaluation = e;
            life.Evaluate = life.Reply!.Value.AddDays(2 + rng.Next(0, 9));
        }

        if (close) life.Close = (life.Evaluate ?? life.Reply!.Value).AddDays(1 + rng.Next(0, 6));
        if (extensionDays > 0)
        {
            life.ExtensionDays = extensionDays;
            life.Extension = life.Accept!.Value.AddDays(50);
        }

        var end = life.Close ?? life.Evaluate ?? life.Reply!.Value;
        if (s.Received == default)
        {
            // Place the whole story: the last step within three weeks (recent) or anywhere that ends before yesterday.
            var span = end.DayNumber - received.DayNumber;
            var endAgo = recent ? 1 + rng.Next(0, 20) : 1 + rng.Next(0, Math.Max(1, HistoryDays - span - 1));
            s = Retime(s, today.AddDays(-endAgo - span));
            Shift(life, s.Received.DayNumber - received.DayNumber);
        }
        else if (end >= today)
        {
            throw new InvalidOperationException($"A demo story received on {s.Received} does not end before today.");
        }

        if (resolve) life.Resolve = life.Reply!.Value.AddDays(-rng.Next(0, 3)) is var r && r > life.Start ? r : life.Reply.Value;
        Emit(s, life, repeatOf: repeatOf, flags: flags);
        return life;
    }

    private static void Shift(Life l, int days)
    {
        DateOnly? S(DateOnly? d) => d?.AddDays(days);
        l.Transfer = S(l.Transfer); l.Objection = S(l.Objection); l.Retransfer = S(l.Retransfer); l.Accept = S(l.Accept);
        l.Refuse = S(l.Refuse); l.Assign = S(l.Assign); l.Start = S(l.Start); l.Extension = S(l.Extension); l.Reply = S(l.Reply);
        l.Evaluate = S(l.Evaluate); l.Close = S(l.Close); l.Resolve = S(l.Resolve); l.Listed = S(l.Listed); l.Terminate = S(l.Terminate);
        l.Instruction = S(l.Instruction);
        for (var i = 0; i < l.Progress.Count; i++) l.Progress[i] = l.Progress[i].AddDays(days);
        for (var i = 0; i < l.Ticks.Count; i++) l.Ticks[i] = l.Ticks[i].AddDays(days);
    }

    /// <summary>
    /// An open case whose running clock has <paramref name="colour"/> today: the clock's start is searched (days before
    /// today) so that the domain's due date and the last progress give that colour, then the steps before it are placed.
    /// </summary>
    private Life Open(Script s, CaseState state, SupervisionColour colour, Leader? owner, bool listed = false, int extensionDays = 0,
        bool noProgress = false, OrgUnit? transferTo = null, DateOnly? clockStart = null)
    {
        var life = new Life { Owner = owner, ExtensionDays = extensionDays };
        var appeal = s.Level > 0;
        var code = state switch
        {
            CaseState.Registered => DeadlineRules.Route,
            CaseState.Transferred => DeadlineRules.Accept,
            _ => s.Level switch { 1 => DeadlineRules.ReviewAnswer, 2 => DeadlineRules.RereviewAnswer, _ => DeadlineRules.Handle },
        };
        var progress = state == CaseState.InProgress;
        var recentProgress = rng.Next(1, 7);
        var staleProgress = 16 + rng.Next(0, 8);
        (int From, int To) window = (state, colour) switch
        {
            (CaseState.InProgress, _) when listed => (14, 40),
            (CaseState.InProgress, SupervisionColour.Green) => (14, 40),
            (CaseState.InProgress, SupervisionColour.Blue) => (50, 60),
            (CaseState.InProgress, SupervisionColour.Yellow) when noProgress => (30, 44),
            (CaseState.InProgress, SupervisionColour.Yellow) => (61, 74),
            (CaseState.InProgress, SupervisionColour.Red) => (78, 110),
            (_, SupervisionColour.Green) => (2, 8),
            (_, SupervisionColour.Blue) => (8, 14),
            (_, SupervisionColour.Yellow) => state is CaseState.Registered or CaseState.Transferred ? (15, 28) : (16, 40),
            _ => state is CaseState.Registered or CaseState.Transferred ? (32, 60) : (80, 120),
        };
        if (appeal) window = colour == SupervisionColour.Green ? (6, 18) : window;
        window = (window.From + extensionDays, window.To + extensionDays);

        DateOnly LastProgress(DateOnly start) => !progress ? start
            : noProgress ? today.AddDays(-staleProgress)
            : today.AddDays(-recentProgress);

        DateOnly start;
        if (clockStart is { } fixedStart)
        {
            start = fixedStart;
        }
        else
        {
            start = default;
            var width = window.To - window.From + 1;
            var first = rng.Next(0, width);
            for (var i = 0; i < 200 && start == default; i++)
            {
                var k = i < width ? window.From + (first + i) % width : i;
                if (k < 2) continue;
                var candidate = today.AddDays(-k);
                if (ColourOf(code, candidate, LastProgress(candidate), listed, extensionDays) == colour) start = candidate;
            }

            // Around a long holiday some colours cannot occur for some states (on the eve of National Day no route clock
            // has 1–7 days left: every due date inside the holiday moves to 8 October). The demo must start on any day, so
            // such a case takes the window's first start and whatever colour that gives.
            if (start == default) start = today.AddDays(-Math.Max(2, window.From));
        }

        // The steps before and after the clock's start.
        DateOnly received;
        switch (state)
        {
            case CaseState.Registered:
                received = start;
                break;
            case CaseState.Transferred:
                received = start.AddDays(-1 - rng.Next(0, 3));
                life.Transfer = start;
                life.TransferTo = transferTo ?? s.Matter.HandlingUnit;
                if (transferTo is not null && start.AddDays(1) < today) life.Objection = Min(start.AddDays(1 + rng.Next(0, 2)), today.AddDays(-1));
                break;
            default:
                received = appeal ? start : start.AddDays(-1 - rng.Next(0, 5));
                life.Accept = appeal ? start.AddDays(1) : start;
                break;
        }

        if (state is CaseState.Assigned or CaseState.InProgress)
        {
            life.Assign = Min(life.Accept!.Value.AddDays(rng.Next(0, 2)), today.AddDays(-1));
            if (state == CaseState.InProgress)
            {
                life.Start = Min(life.Assign.Value.AddDays(rng.Next(0, 2)), today.AddDays(-1));
                var last = LastProgress(start);
                if (last < life.Start) last = life.Start.Value;
                for (var d = life.Start.Value.AddDays(6 + rng.Next(0, 6)); d < last.AddDays(-3); d = d.AddDays(8 + rng.Next(0, 8)))
                    life.Progress.Add(d);
                life.Progress.Add(last);
                if (extensionDays > 0) life.Extension = Min(life.Accept.Value.AddDays(52), today.AddDays(-1));
                if (listed) life.Listed = Min(life.Progress[0].AddDays(1), today.AddDays(-1));
            }

            if (owner is not null && rng.Next(0, 2) == 0) life.Instruction = life.Assign.Value;
            PlanTicks(life, life.Assign.Value, today, 1 + rng.Next(0, 3));
        }

        if (s.Received == default || s.Received != received && s.Level == 0) s = Retime(s, received);
        return Track(s, life);
    }

    private SupervisionColour ColourOf(string code, DateOnly start, DateOnly lastProgress, bool listed, int extensionDays)
    {
        IReadOnlyList<DeadlineExtension>? extensions = extensionDays > 0 ? [new DeadlineExtension(extensionDays, "-", "-")] : null;
        var due = DeadlineClock.Compute(cases.Rules.Deadlines[code], start, calendar, today, extensions).Answer!.DueDate;
        return Supervision.ColourOf(due, lastProgress < start ? start : lastProgress, today, listed, cases.Rules.Thresholds).Colour;
    }

    /// <summary>Remembers the open case's story for <see cref="Emit"/> (the script may have been re-timed).</summary>
    private Life Track(Script s, Life life)
    {
        openScripts[life] = s.Story.Levels[s.Level];
        return life;
    }

    private readonly Dictionary<Life, Script> openScripts = [];

    private Life Refused(Script s, string category)
    {
        var reasons = category == "legal"
            ? LegalRefusals
            : Refusals;
        var received = s.Received == default ? today.AddDays(-rng.Next(3, HistoryDays)) : s.Received;
        if (s.Received == default) s = Retime(s, received);
        var life = new Life { Refuse = Min(received.AddDays(1 + rng.Next(0, 10)), today.AddDays(-1)), RefuseReason = reasons[rng.Next(reasons.Length)] };
        openScripts[life] = s.Story.Levels[s.Level];
        return life;
    }

    // ---------------------------------------------------------------- emitting the operations

    /// <summary>Turns the plan of one case into dated operations on its story.</summary>
    private void Emit(Script script, Life l, Script? repeatOf = null, CaseFlags[]? flags = null,
        (DateOnly Issued, int ReplyDays, int? AnsweredAfter)? notice = null)
    {
        var s = openScripts.TryGetValue(l, out var tracked) ? tracked : script.Story.Levels[script.Level];
        var story = s.Story;
        var m = s.Matter;
        if (l.Owner is not null) owned++;
        if (l.Resolve is not null)
        {
            if (l.Owner is null) throw new InvalidOperationException("Only owned demo cases are resolved.");
            resolved++;
        }

        if (s.Level == 0)
        {
            AddOp(story, s.Received, () =>
            {
                s.Case = Ok(PetitionCase.Register(new CaseIntake(s.Number!, s.Unit.Id, m.Channel, s.Received, m.Category, m.Summary, m.Content, m.People,
                    m.Petitioners.Select(p => p.CopyForDemo()).ToList()), clerk, Time(story, s.Received)));
                if (m.Channel is Channel.LeaderReception or Channel.FoundOnVisit)
                    s.Case.SetSource(null, null, l.Owner?.Id ?? cityLeaders[s.Received.DayNumber % cityLeaders.Count].Id);
            });
        }

        if (repeatOf is not null)
        {
            var earlier = repeatOf;
            AddOp(story, s.Received, () => Ok(s.C.MarkRepeat(earlier.C.Id, clerk, Time(story, s.Received))), ready: () => earlier.Case is { Id: > 0 });
        }

        foreach (var flag in flags ?? [])
            AddOp(story, s.Received, () => Ok(s.C.SetFlag(flag, true, clerk, Time(story, s.Received))));

        if (l.Transfer is { } transfer)
            AddOp(story, transfer, () => Ok(s.C.Transfer(l.TransferTo!.Id, clerk, Time(story, transfer))));
        if (l.Objection is { } objection)
        {
            var who = l.TransferTo?.Code == "rsj" ? unitUser : clerk;
            AddOp(story, objection, () => Ok(s.C.RecordObjection($"该事项不属于{l.TransferTo!.Name}职责范围，建议转送{(l.RetransferTo ?? m.HandlingUnit).Name}办理。", who, Time(story, objection))));
        }

        if (l.Retransfer is { } retransfer)
            AddOp(story, retransfer, () => Ok(s.C.Transfer(l.RetransferTo!.Id, clerk, Time(story, retransfer))));
        if (l.Refuse is { } refuse)
            AddOp(story, refuse, () => Ok(s.C.RejectAcceptance(l.RefuseReason, clerk, Time(story, refuse))));
        if (l.Accept is { } accept)
            AddOp(story, accept, () => Ok(s.C.Accept(clerk, Time(story, accept))));

        var handling = l.RetransferTo ?? m.HandlingUnit;
        var handler = handling.Code == "rsj" ? unitUser : clerk;
        if (l.Assign is { } assign)
        {
            var owner = l.Owner ?? throw new InvalidOperationException("An assigned demo case needs an owner.");
            var co = handling.Kind == OrgUnitKind.Department && rng.Next(0, 3) == 0 ? new[] { m.Township.Unit.Id } : [];
            var stability = rng.Next(0, 2) == 0 ? m.Village.Id : m.Township.Unit.Id;
            AddOp(story, assign, () => Ok(s.C.Assign(owner.Id, handling.Id, co, stability, supervisor, clerk, Time(story, assign))));
        }

        if (l.Instruction is { } instruction)
        {
            var leader = l.Owner!;
            var who = leaderUsers.GetValueOrDefault(leader.Id, clerk);
            var text = Instructions[rng.Next(Instructions.Length)];
            AddOp(story, instruction, () => Ok(s.C.AddInstruction(leader.Id, text, who, Time(story, instruction))));
        }

        for (var i = 0; i < l.Ticks.Count && i < checklist.Count; i++)
        {
            var item = checklist[i];
            var day = l.Ticks[i];
            AddOp(story, day, () => Ok(s.C.SetChecklistItem(item.Id, item.Text, true, clerk, Time(story, day))));
        }

        if (l.Start is { } start)
            AddOp(story, start, () => Ok(s.C.StartHandling(handler, Time(story, start))));
        if (l.Listed is { } listed)
            AddOp(story, listed, () => Ok(s.C.SetListed(true, "群众反映强烈、久拖未决，列入挂牌督办。", supervisor, Time(story, listed))));
        foreach (var day in l.Progress)
        {
            var text = ProgressTexts[rng.Next(ProgressTexts.Length)].Replace("{unit}", handling.Name, StringComparison.Ordinal);
            AddOp(story, day, () => Ok(s.C.AddProgress(text, handler, Time(story, day))));
        }

        if (l.Extension is { } extension)
        {
            var days = l.ExtensionDays;
            AddOp(story, extension, () => Ok(s.C.RequestExtension(days, "涉及多个部门协调，需进一步调查核实。", handler, Time(story, extension))));
            AddOp(story, extension, () => Ok(s.C.ApproveExtension(clerk, Time(story, extension))));
        }

        if (notice is { } n)
        {
            SupervisionNotice? issued = null;
            var issuedOn = n.Issued;
            var text = $"请{handling.Name}于{issuedOn.AddDays(n.ReplyDays):M月d日}前报告该信访事项办理进展。";
            AddOp(story, issuedOn, () =>
            {
                var at = Time(story, issuedOn);
                issued = Ok(SupervisionNotice.Issue(s.C.Id, handling.Id, text, issuedOn, issuedOn.AddDays(n.ReplyDays), supervisor, at));
                db.SupervisionNotices.Add(issued);
                s.C.RecordNotice(issued, answered: false, supervisor, at);
            }, ready: () => s.Case is { Id: > 0 });
            if (n.AnsweredAfter is { } after)
            {
                var answeredOn = Min(issuedOn.AddDays(after), today.AddDays(-1));
                AddOp(story, answeredOn, () =>
                {
                    var at = Time(story, answeredOn);
                    Ok(issued!.Answer("已召开专题协调会，企业承诺本月底前结清欠薪，我局将跟踪落实。", answeredOn, handler, at));
                    s.C.RecordNotice(issued, answered: true, handler, at);
                });
            }
        }

        if (l.Reply is { } reply)
        {
            var text = m.Reply;
            AddOp(story, reply, () => Ok(s.C.Reply(text, reply, handler, Time(story, reply))));
        }

        if (l.Resolve is { } resolveOn)
            AddOp(story, resolveOn, () => Ok(s.C.Resolve(resolveOn, clerk, Time(story, resolveOn))));
        if (l.Evaluate is { } evaluate)
            AddOp(story, evaluate, () => Ok(s.C.Evaluate(l.Evaluation!.Value, clerk, Time(story, evaluate))));
        if (l.Close is { } close)
            AddOp(story, close, () => Ok(s.C.Close(clerk, Time(story, close))));
        if (l.Terminate is { } terminate)
            AddOp(story, terminate, () => Ok(s.C.Terminate(clerk, Time(story, terminate))));
    }

    private static void AddOp(Story story, DateOnly day, Action run, Func<bool>? ready = null) =>
        story.Ops.Add(new Op(day.ToDateTime(TimeOnly.MinValue), story.Ops.Count, run, ready));

    /// <summary>The instant of the next step on <paramref name="day"/>: from 08:30 China time, a quarter of an hour apart.</summary>
    private static DateTime Time(Story story, DateOnly day)
    {
        var n = story.PerDay.GetValueOrDefault(day);
        story.PerDay[day] = n + 1;
        return ChinaTime.ToUtc(day, new TimeOnly(8, 30)).AddMinutes(Math.Min(n * 13, 600));
    }

    private static T Ok<T>(CaseResult<T> result) where T : class =>
        result.Succeeded ? result.Value : throw new InvalidOperationException("Demo case: " + result.Error);

    private static void Ok(CaseResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException("Demo case: " + result.Error);
    }

    // ================================================================ numbers and running

    private void AllocateNumbers()
    {
        var all = stories.SelectMany((s, i) => s.Levels.Select(l => (Script: l, Story: i)))
            .OrderBy(x => x.Script.Received).ThenBy(x => x.Story).ThenBy(x => x.Script.Level).ToList();
        var counters = new Dictionary<(int Unit, int Year), int>();
        foreach (var (script, _) in all)
        {
            if (script.Received == default || script.Received >= today)
                throw new InvalidOperationException($"A demo case has no received date before today ({script.Received}).");
            var key = (script.Unit.Id, script.Received.Year);
            var next = counters.GetValueOrDefault(key) + 1;
            counters[key] = next;
            script.Number = new CaseNumber(script.Unit.Code, script.Received.Year, next);
        }

        foreach (var ((unit, year), last) in counters)
            db.CaseNumberCounters.Add(new Reception.Web.Data.Configurations.CaseNumberCounter { OrgUnitId = unit, Year = year, LastSequence = last });
    }

    private async Task RunAsync(CancellationToken ct)
    {
        foreach (var story in stories)
        {
            var sorted = story.Ops.OrderBy(o => o.At).ThenBy(o => o.Seq).ToList();
            story.Ops.Clear();
            story.Ops.AddRange(sorted);
        }

        var added = new HashSet<PetitionCase>(ReferenceEqualityComparer.Instance);
        for (var round = 0; ; round++)
        {
            if (round > 5) throw new InvalidOperationException("The demo cases wait for each other.");
            foreach (var story in stories)
            {
                while (story.Next < story.Ops.Count && (story.Ops[story.Next].Ready?.Invoke() ?? true))
                {
                    story.Ops[story.Next].Run();
                    story.Next++;
                }
            }

            foreach (var script in stories.SelectMany(s => s.Levels))
            {
                if (script.Case is { } c && added.Add(c)) db.Cases.Add(c);
            }

            if (stories.All(s => s.Next == s.Ops.Count)) break;
            await db.SaveChangesAsync(ct);
        }

        foreach (var c in added) await cases.RefreshClockAsync(c, ct);
        await db.SaveChangesAsync(ct);
    }

    // ================================================================ matters: people, places, topics

    private Matter NewMatter(string? category, int? township = null, string? handling = null)
    {
        var topicKey = category ?? PickCategory();
        var topic = Topics[topicKey];
        var t = townships[township ?? rng.Next(townships.Count)];
        var village = t.Villages[rng.Next(t.Villages.Count)];
        var collective = rng.Next(0, 12) == 0 && topicKey is "land" or "labour" or "enterprise" or "property" or "rural" or "environment";
        var people = collective ? 5 + rng.Next(0, 36) : rng.Next(0, 6) == 0 ? 2 + rng.Next(0, 2) : 1;
        var named = Math.Min(people, collective ? 2 + rng.Next(0, 2) : people);
        var petitioners = Enumerable.Range(0, named).Select(_ => NewPetitioner(t, village)).ToList();
        var (summary, content, reply) = topic.Texts[rng.Next(topic.Texts.Length)];
        string Fill(string text) => text
            .Replace("{village}", village.Name, StringComparison.Ordinal)
            .Replace("{township}", t.Unit.Name, StringComparison.Ordinal)
            .Replace("{company}", Companies[rng.Next(Companies.Length)], StringComparison.Ordinal)
            .Replace("{estate}", Estates[rng.Next(Estates.Length)], StringComparison.Ordinal)
            .Replace("{n}", people.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{amount}", (3 + rng.Next(0, 90)).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var handlingUnit = handling is not null ? departments[handling]
            : topic.Department is { } d && rng.Next(0, 4) != 0 ? departments[d] : t.Unit;
        var channel = PickChannel();
        return new Matter(topicKey, Fill(summary), Fill(content), Fill(reply), people, petitioners, t, village, handlingUnit, channel);
    }

    private CasePetitioner NewPetitioner(Township t, OrgUnit village)
    {
        var female = rng.Next(0, 5) < 2;
        var name = Surnames[rng.Next(Surnames.Length)] + (female ? FemaleNames : MaleNames)[rng.Next(female ? FemaleNames.Length : MaleNames.Length)];
        string id;
        do
        {
            var birth = new DateOnly(1950, 1, 1).AddDays(rng.Next(0, 18_250));
            var sequence = rng.Next(0, 500) * 2 + (female ? 0 : 1);
            var first17 = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"4306{t.Index + 1:00}{birth:yyyyMMdd}{sequence:000}");
            id = first17 + IdentityNumber.CheckCharacter(first17);
        }
        while (!usedIdentityNumbers.Add(id));

        var phone = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"1{"358"[rng.Next(3)]}{rng.Next(0, 10)}{rng.Next(0, 10_000):0000}{rng.Next(0, 10_000):0000}");
        var locality = "演示市" + t.Unit.Name + village.Name;
        var address = locality + (village.Kind == OrgUnitKind.Community ? $"{rng.Next(1, 30)}栋{rng.Next(1, 6)}单元{rng.Next(1, 18)}0{rng.Next(1, 4)}室" : $"{rng.Next(1, 12)}组{rng.Next(1, 80)}号");
        return new CasePetitioner(name, id, phone, locality, address);
    }

    private Leader NextCityLeader() => cityLeaders[cityLeaderTurn++ % cityLeaders.Count];

    /// <summary>A township's own leaders own a share of its cases; otherwise the city's leaders take turns.</summary>
    private Leader OwnerFor(Matter m, bool preferTownship = false)
    {
        if (townshipLeaders.TryGetValue(m.Township.Unit.Id, out var local) && (preferTownship || rng.Next(0, 2) == 0))
            return local[rng.Next(local.Count)];
        return NextCityLeader();
    }

    /// <summary>Most cases are registered by the city's 信访局; some by the street or township (never 青山镇: see the class remarks).</summary>
    private OrgUnit TownshipOrCity(Matter m) => m.Township.Unit.Code != NoMatterTownship && rng.Next(0, 4) == 0 ? m.Township.Unit : city;

    private OrgUnit TownshipUnit(Matter m) => m.Township.Unit.Code != NoMatterTownship ? m.Township.Unit : city;

    private string PickCategory()
    {
        var roll = rng.Next(0, 100);
        foreach (var (key, weight) in CategoryWeights)
        {
            if (roll < weight) return key;
            roll -= weight;
        }

        return "other";
    }

    private Channel PickChannel() => rng.Next(0, 100) switch
    {
        < 35 => Channel.Visit,
        < 45 => Channel.Letter,
        < 73 => Channel.Online,
        < 83 => Channel.Phone,
        < 92 => Channel.LeaderReception,
        < 96 => Channel.AssignedFromAbove,
        _ => Channel.FoundOnVisit,
    };

    private Evaluation PickEvaluation() => rng.Next(0, 100) switch
    {
        < 62 => Evaluation.Satisfied,
        < 92 => Evaluation.BasicallySatisfied,
        _ => Evaluation.Dissatisfied,
    };

    private static readonly (string Key, int Weight)[] CategoryWeights =
    [
        ("land", 14), ("construction", 10), ("labour", 16), ("rural", 9), ("enterprise", 5), ("legal", 8), ("health", 5),
        ("environment", 7), ("education", 5), ("civil", 6), ("transport", 4), ("property", 8), ("other", 3),
    ];

    private sealed record Topic(string? Department, (string Summary, string Content, string Reply)[] Texts);

    private static readonly Dictionary<string, Topic> Topics = new()
    {
        ["land"] = new("zrzyj", [
            ("反映{village}征地补偿款未足额发放", "信访人反映，{township}{village}部分土地于前年被征收用于产业园建设，至今仍有部分征地补偿款和青苗补偿费未发放到户，要求尽快足额兑现。", "经核查，{village}征地补偿款已拨付至镇财政所，因部分农户土地面积存在争议暂缓发放。现已完成复测，补偿款将于本月内发放到户。"),
            ("对{village}土地征收补偿标准有异议", "信访人认为{village}土地征收补偿标准低于周边地区，要求按新标准补偿，并公开征地批复文件。", "经核实，该地块征收补偿执行省政府公布的区片综合地价，标准符合规定。征地批复文件已在村务公开栏公示，信访人可查阅。"),
            ("反映{township}棚户区改造安置房迟迟未交付", "信访人系{township}棚户区改造被征收户，签订协议约定两年内交付安置房，现已逾期一年仍未交付，过渡费也停发。", "经协调，安置房项目已恢复施工，预计明年上半年交付；逾期期间的临时安置补助费已恢复按月发放并补发。"),
            ("反映拆迁过程中房屋被强制拆除", "信访人反映其位于{village}的房屋在未达成补偿协议的情况下被拆除，要求赔偿损失并追究相关人员责任。", "经调查，该房屋系违法建筑，已依法作出限期拆除决定并送达。对拆除过程中的财物损失，已由{township}与信访人协商补偿。"),
        ]),
        ["construction"] = new("zjj", [
            ("反映{township}{estate}小区楼房墙体开裂", "信访人反映{estate}小区多栋楼房外墙及楼道墙体出现裂缝，担心存在安全隐患，要求开发商维修并进行安全鉴定。", "已委托第三方机构进行房屋安全鉴定，结论为非结构性裂缝，不影响主体结构安全。开发商已承诺在保修期内完成修补。"),
            ("反映商品房逾期交房、无法办理不动产权证", "信访人购买的{estate}商品房已逾期交付，开发商以各种理由拖延办理不动产权证。", "经协调，开发商已补缴相关税费，不动产登记中心开设绿色通道，首批业主的不动产权证已办理完毕。"),
            ("反映{village}道路硬化工程质量差", "信访人反映{village}去年修建的村组道路已出现大面积破损，怀疑偷工减料。", "经质量检测，部分路段混凝土强度不达标，已责令施工单位返工修复，相关费用由施工单位承担。"),
        ]),
        ["labour"] = new("rsj", [
            ("反映{company}拖欠{n}名农民工工资约{amount}万元", "信访人等{n}人在{company}承建的项目务工，工程完工后公司以资金紧张为由拖欠工资约{amount}万元，多次讨要未果。", "经人社局劳动保障监察调查，责令{company}限期支付，已通过农民工工资保证金先行垫付，拖欠工资已全部发放到位。"),
            ("反映单位未依法缴纳社会保险", "信访人在{company}工作五年，单位一直未为其缴纳社会保险，要求补缴。", "已责令{company}为信访人补缴社会保险费，单位已完成补缴手续。"),
            ("申请认定工伤遭拒，要求重新认定", "信访人在{company}上班途中发生交通事故受伤，申请工伤认定被以材料不全为由退回。", "经指导信访人补齐交通事故责任认定书等材料，已受理其工伤认定申请并作出认定为工伤的决定。"),
            ("反映被{company}违法解除劳动合同", "信访人称{company}在其怀孕期间解除劳动合同，且未支付经济补偿。", "经调解，{company}同意恢复劳动关系，并补发解除期间的工资。"),
        ]),
        ["rural"] = new("nyncj", [
            ("反映{village}土地承包经营权纠纷", "信访人反映其在{village}的承包地被他人占用耕种，村委会协调未果。", "经镇农经站核查承包合同和确权登记资料，承包地归信访人经营，已责令占用人退还并赔偿当季损失。"),
            ("反映{village}集体经济收益分配不公开", "信访人反映{village}集体土地出租收益多年未公开，分配方案未经村民代表大会讨论。", "已组织对{village}近三年集体经济收支进行审计，审计结果已张榜公布，收益分配方案经村民代表大会表决通过。"),
            ("反映宅基地审批纠纷", "信访人申请宅基地建房三年未获批准，认为村组干部优亲厚友。", "经核查，信访人符合一户一宅申请条件，已完成审批手续，同时对村干部作风问题进行了批评教育。"),
        ]),
        ["enterprise"] = new("rsj", [
            ("反映原{company}改制时职工安置补偿未到位", "信访人系原{company}职工，企业改制时约定的经济补偿金至今未足额支付，要求落实。", "经查阅改制档案，补偿金差额已列入政府专项资金，分两期发放，首期已发放到位。"),
            ("原企业退休职工反映养老待遇偏低", "信访人系原{company}退休职工，认为其养老金计发基数偏低，要求重新核定。", "经核查信访人缴费记录，养老金计发符合政策规定，已向信访人详细解释计发办法。"),
        ]),
        ["legal"] = new("fy", [
            ("对法院民事判决不服，要求重新审理", "信访人对法院就其与邻居相邻权纠纷作出的民事判决不服，认为认定事实错误。", "该事项属于诉讼程序解决的事项，已引导信访人依法申请再审。"),
            ("反映民事案件判决执行不到位", "信访人胜诉的借款纠纷案件已申请强制执行两年，至今未执行到位。", "法院已对被执行人采取限制高消费措施，查控到部分财产并已执行，剩余部分继续执行。"),
            ("反映派出所对邻里纠纷处理不公", "信访人与邻居发生纠纷受伤，认为派出所处理偏袒对方。", "经公安局法制部门审核，派出所处理程序合法，已组织双方调解并达成赔偿协议。"),
        ]),
        ["health"] = new("wjw", [
            ("反映医疗纠纷，要求医院赔偿", "信访人认为其家属在{township}卫生院治疗期间存在误诊，要求赔偿。", "已引导双方通过医疗纠纷人民调解委员会调解，经鉴定后双方达成赔偿协议。"),
            ("反映{township}卫生院服务态度差、乱收费", "信访人反映在{township}卫生院就诊时被重复收费，医务人员态度恶劣。", "经核查，存在重复收费问题，已退还多收费用，对相关人员进行了通报批评。"),
        ]),
        ["environment"] = new(null, [
            ("反映{company}夜间生产噪声扰民", "信访人反映{village}附近的{company}夜间生产噪声严重，影响居民休息。", "经监测，夜间噪声超标，已责令{company}限期整改并停止夜间高噪声作业，整改后复测达标。"),
            ("反映{village}附近养殖场污水直排", "信访人反映{village}养殖场污水未经处理直排河道，河水发黑发臭。", "已对养殖场立案查处，责令建设污水处理设施，目前已完成整改，河道水质明显好转。"),
            ("反映{township}某企业废气污染", "信访人反映{township}工业园区企业排放刺鼻气体，周边群众健康受到影响。", "经现场检查和监测，企业废气处理设施运行不正常，已依法处罚并责令整改到位。"),
        ]),
        ["education"] = new("jyj", [
            ("反映子女入学难、学区划分不合理", "信访人反映其居住的{estate}小区被划入较远学校学区，孩子上学不便。", "学区划分按照就近入学原则经公示确定，已为信访人子女协调就近学校学位。"),
            ("反映学校违规收取资料费", "信访人反映{township}中学以购买资料为名向学生收取费用。", "经查属实，已责令学校全额退还，并对学校负责人进行了约谈。"),
            ("原代课教师要求落实待遇", "信访人系原{township}民办代课教师，要求按政策落实养老保险补贴。", "按照相关政策，已为符合条件的原代课教师落实养老保险补贴，信访人已纳入发放名单。"),
        ]),
        ["civil"] = new("mzj", [
            ("申请最低生活保障未获批准", "信访人因病致贫，申请低保被{township}以家庭收入超标为由拒绝。", "经重新入户核查，信访人家庭人均收入低于当地低保标准，已纳入低保保障范围。"),
            ("反映残疾人两项补贴未按时发放", "信访人反映其残疾人生活补贴和护理补贴已三个月未发放。", "经核查系银行账户信息变更导致发放失败，已更正信息并补发。"),
            ("反映养老院服务质量问题", "信访人反映其母亲入住的养老院护理不到位、伙食差。", "已对养老院开展专项检查，责令整改护理和膳食管理，家属满意度回访良好。"),
        ]),
        ["transport"] = new(null, [
            ("反映{township}公交线路调整后出行不便", "信访人反映公交线路调整后，{village}村民到城区需要多次换乘。", "已协调公交公司恢复原线路部分站点，并增加早晚高峰班次。"),
            ("反映道路施工长期未完工影响通行", "信访人反映{township}主干道施工已超过一年仍未完工，影响出行和沿街商户经营。", "已督促施工单位增加人员设备，承诺两个月内完工，施工期间设置临时便道。"),
        ]),
        ["property"] = new("zjj", [
            ("反映{estate}小区物业服务差、乱收费", "信访人反映{township}{estate}小区物业公司服务质量差，擅自上调物业费。", "已约谈物业公司，责令其按合同标准收费并改进服务，退还多收费用。"),
            ("业主与物业公司因停车费发生纠纷", "信访人反映{estate}小区物业公司对地面停车位收费，业主认为车位属于全体业主共有。", "经街道、社区组织业主代表与物业公司协商，地面停车收益纳入公共收益，按规定公开使用情况。"),
            ("反映小区电梯长期故障物业不维修", "信访人反映{estate}小区电梯故障两个月，物业公司以维修资金不足为由拒不维修。", "已协调启用专项维修资金，电梯已修复并通过检验。"),
            ("反映物业纠纷：小区公共收益去向不明", "信访人反映{estate}小区广告、场地租赁等公共收益多年未公布。", "已责令物业公司公布近三年公共收益收支明细，并指导成立业主委员会进行监督。"),
        ]),
        ["other"] = new(null, [
            ("反映邻里纠纷长期未解决", "信访人与邻居因排水问题发生纠纷，多次调解未果。", "经{township}司法所组织调解，双方达成协议，排水设施已改造完成。"),
            ("对部门工作作风提出意见", "信访人反映到政务服务中心办理业务时工作人员推诿扯皮。", "已对相关窗口工作人员进行批评教育，并优化了办理流程。"),
        ]),
    };

    private static readonly string[] Companies =
        ["宏达建筑工程有限公司", "鑫源纺织有限公司", "恒通物流有限公司", "华兴食品有限公司", "金鼎置业有限公司", "永盛机械厂", "明珠商贸有限公司", "瑞丰化工有限公司"];

    private static readonly string[] Estates = ["锦绣家园", "阳光花园", "滨江华府", "翠湖名苑", "幸福里", "金色港湾"];

    private static readonly string[] Surnames =
        ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "韩", "冯", "邓", "曹", "彭"];

    private static readonly string[] MaleNames =
        ["建军", "国庆", "志刚", "海波", "春生", "德明", "永强", "学文", "长青", "金山", "小龙", "宏伟", "卫东", "立平", "振华", "光明", "文斌", "子豪"];

    private static readonly string[] FemaleNames =
        ["秀英", "桂兰", "玉梅", "丽华", "春燕", "淑芬", "海燕", "红梅", "晓玲", "美玲", "雪梅", "凤英", "小芳", "婷婷"];

    private static readonly string[] ProgressTexts =
    [
        "已约谈信访人，详细了解诉求和相关情况。", "会同{unit}进行现场核查，调取相关资料。", "召开协调会，形成初步处理意见。",
        "已向相关企业（单位）下达整改通知书。", "组织双方当事人进行调解，初步达成一致。", "包案领导带队走访信访人，做好思想疏导工作。",
        "已将核查情况向包案领导汇报，按批示意见推进。", "督促落实处理意见，相关款项已部分兑现。",
    ];

    private static readonly string[] Instructions =
    [
        "请责任单位高度重视，依法依规妥善处理，及时向信访人反馈。", "请责任单位加强沟通协调，务必在期限内办结。", "此件请牵头单位会同有关部门研究解决，确保案结事了。",
    ];

    private static readonly string[] Refusals =
    [
        "诉求不属于信访事项受理范围，已告知信访人通过其他途径反映。",
        "该事项已经或者依法应当通过诉讼、仲裁、行政复议等法定途径解决，已告知信访人向有关机关提出。",
        "诉求内容不明确、无具体事实和理由，已告知信访人补充材料后再行反映。",
        "同一事项正在有权处理机关办理期限内，不重复受理，已告知信访人等待办理结果。",
        "属于政策咨询，已当场答复。",
    ];

    private static readonly string[] LegalRefusals =
    [
        "该事项属于涉法涉诉事项，依照诉访分离原则，已引导信访人向人民法院提出。",
        "该事项已进入司法程序，已告知信访人依法通过诉讼程序解决。",
    ];
}

internal static class DemoPetitioners
{
    /// <summary>A fresh copy (a petitioner row belongs to one case).</summary>
    public static CasePetitioner CopyForDemo(this CasePetitioner p) => new(p.Name, p.IdentityNumber, p.Phone, p.HouseholdLocality, p.Address);
}
