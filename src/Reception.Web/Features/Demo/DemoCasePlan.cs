using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Core.Organisation;

namespace Reception.Web.Features.Demo;

/// <summary>
/// The plan of the demo cases: which stories there are (the 终结 chain, appeals, 挂牌督办, transfers with an objection,
/// 重复访, 越级访 and the bulk), each case's matter and people, its state and colour today and the day of each of its
/// steps. Each planned case goes to <see cref="DemoCaseRunner.Emit"/> as soon as it is planned: the plan and the runner
/// draw from one random sequence, in a fixed order, so the demo city is the same for the same "today".
/// </summary>
internal sealed class DemoCasePlan(DemoCaseWorld world, Random rng, DemoCaseRunner runner)
{
    private const string NoMatterTownship = "qingshan";

    private readonly HashSet<string> usedIdentityNumbers = new(StringComparer.Ordinal);
    private readonly List<Story> stories = [];
    private readonly Dictionary<Life, Script> openScripts = [];
    private readonly DateOnly today = world.Today;
    private readonly OrgUnit city = world.City;
    private readonly IReadOnlyList<DemoTownship> townships = world.Townships;
    private readonly IReadOnlyDictionary<string, OrgUnit> departments = world.Departments;
    private readonly IReadOnlyList<Leader> cityLeaders = world.CityLeaders;
    private int owned, resolved, cityLeaderTurn;

    /// <summary>Plans every story (and hands each case to the runner); returns the stories.</summary>
    public IReadOnlyList<Story> Make()
    {
        Plan();
        return stories;
    }

    /// <summary>One story: one case, or a chain of appeals (level 0, 1, 2) whose operations interleave in time.</summary>
    internal sealed class Story
    {
        public readonly List<Script> Levels = [];
        public readonly List<Op> Ops = [];
        public readonly Dictionary<DateOnly, int> PerDay = [];
        public int Next;
    }

    /// <summary>A dated operation; <see cref="Ready"/> false means "wait until the database has handed out the ids it needs".</summary>
    internal sealed record Op(DateTime At, int Seq, Action Run, Func<bool>? Ready);

    /// <summary>The plan of one case: what the matter is, who it is, and the days of each step.</summary>
    internal sealed class Script(Story story, int level)
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

    internal sealed record Matter(
        string Category, string Summary, string Content, string Reply, int People, IReadOnlyList<CasePetitioner> Petitioners,
        DemoTownship Township, OrgUnit Village, OrgUnit HandlingUnit, Channel Channel);

    /// <summary>The days of a case's steps (null = not reached) and who does what.</summary>
    internal sealed class Life
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
            var start = today.AddDays(-DemoCases.HistoryDays + 2);
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
            var life = new Life { Refuse = filing.Received.AddDays(2), RefuseReason = DemoCaseTexts.NoLongerAccepted };
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
            var earlier = Add(NewStory(), m, today.AddDays(-DemoCases.HistoryDays + 20 + rng.Next(0, 60)), TownshipOrCity(m));
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
                    RefuseReason = DemoCaseTexts.LevelSkipping(m.Township.Unit.Name),
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
        var bulkOwned = DemoCases.LeaderOwned - owned;
        var bulkResolved = DemoCases.LeaderResolved - resolved;
        var closedUnresolved = bulkOwned - openOwned - bulkResolved;
        if (closedUnresolved < 0) throw new InvalidOperationException("The demo plan cannot reach the leaders' figures.");
        var remaining = DemoCases.Total - stories.Sum(s => s.Levels.Count);
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
                s = Retime(s, today.AddDays(-rng.Next(3, DemoCases.HistoryDays)));
                Emit(s, Refused(s, m.Category), flags: m.Category == "legal" ? [CaseFlags.LegalChannel] : []);
            }
        }

        if (owned != DemoCases.LeaderOwned || resolved != DemoCases.LeaderResolved || stories.Sum(s => s.Levels.Count) != DemoCases.Total)
            throw new InvalidOperationException($"Demo plan: {stories.Sum(s => s.Levels.Count)} cases, {owned} owned, {resolved} resolved.");
    }

    internal static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static List<Script> Levels(Story story) => story.Levels;

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
        runner.FileAppeal(parent, level, requested, reviewing);
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
        PlanTicks(life, life.Assign.Value, life.Reply.Value, world.Checklist.Count);
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
            var endAgo = recent ? 1 + rng.Next(0, 20) : 1 + rng.Next(0, Math.Max(1, DemoCases.HistoryDays - span - 1));
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
        var due = DeadlineClock.Compute(world.Rules.Deadlines[code], start, world.Calendar, today, extensions).Answer!.DueDate;
        return Supervision.ColourOf(due, lastProgress < start ? start : lastProgress, today, listed, world.Rules.Thresholds).Colour;
    }

    /// <summary>Remembers the open case's story for <see cref="Emit"/> (the script may have been re-timed).</summary>
    private Life Track(Script s, Life life)
    {
        openScripts[life] = s.Story.Levels[s.Level];
        return life;
    }

    private Life Refused(Script s, string category)
    {
        var reasons = category == "legal"
            ? DemoCaseTexts.LegalRefusals
            : DemoCaseTexts.Refusals;
        var received = s.Received == default ? today.AddDays(-rng.Next(3, DemoCases.HistoryDays)) : s.Received;
        if (s.Received == default) s = Retime(s, received);
        var life = new Life { Refuse = Min(received.AddDays(1 + rng.Next(0, 10)), today.AddDays(-1)), RefuseReason = reasons[rng.Next(reasons.Length)] };
        openScripts[life] = s.Story.Levels[s.Level];
        return life;
    }

    // ---------------------------------------------------------------- handing a planned case to the runner

    /// <summary>Counts the planned case in the leaders' figures and hands it (as re-timed, if it was) to the runner.</summary>
    private void Emit(Script script, Life l, Script? repeatOf = null, CaseFlags[]? flags = null,
        (DateOnly Issued, int ReplyDays, int? AnsweredAfter)? notice = null)
    {
        var s = openScripts.TryGetValue(l, out var tracked) ? tracked : script.Story.Levels[script.Level];
        if (l.Owner is not null) owned++;
        if (l.Resolve is not null)
        {
            if (l.Owner is null) throw new InvalidOperationException("Only owned demo cases are resolved.");
            resolved++;
        }

        runner.Emit(s, l, repeatOf, flags, notice);
    }

    // ================================================================ matters: people, places, topics

    private Matter NewMatter(string? category, int? township = null, string? handling = null)
    {
        var topicKey = category ?? PickCategory();
        var topic = DemoCaseTexts.Topics[topicKey];
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
            .Replace("{company}", DemoCaseTexts.Companies[rng.Next(DemoCaseTexts.Companies.Length)], StringComparison.Ordinal)
            .Replace("{estate}", DemoCaseTexts.Estates[rng.Next(DemoCaseTexts.Estates.Length)], StringComparison.Ordinal)
            .Replace("{n}", people.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{amount}", (3 + rng.Next(0, 90)).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var handlingUnit = handling is not null ? departments[handling]
            : topic.Department is { } d && rng.Next(0, 4) != 0 ? departments[d] : t.Unit;
        var channel = PickChannel();
        return new Matter(topicKey, Fill(summary), Fill(content), Fill(reply), people, petitioners, t, village, handlingUnit, channel);
    }

    private CasePetitioner NewPetitioner(DemoTownship t, OrgUnit village)
    {
        var female = rng.Next(0, 5) < 2;
        var name = DemoCaseTexts.Surnames[rng.Next(DemoCaseTexts.Surnames.Length)] + (female ? DemoCaseTexts.FemaleNames : DemoCaseTexts.MaleNames)[rng.Next(female ? DemoCaseTexts.FemaleNames.Length : DemoCaseTexts.MaleNames.Length)];
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
        if (world.TownshipLeaders.TryGetValue(m.Township.Unit.Id, out var local) && (preferTownship || rng.Next(0, 2) == 0))
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
}
