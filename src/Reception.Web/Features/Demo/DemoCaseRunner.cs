using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Core.Organisation;
using Reception.Core.Time;
using Reception.Web.Features.Cases;
using static Reception.Web.Features.Demo.DemoCasePlan;

namespace Reception.Web.Features.Demo;

/// <summary>
/// Applies the plan of the demo cases: turns each planned case into dated operations of the domain (register, transfer,
/// accept, assign, progress, reply, evaluate, close, appeal, …) on its story, numbers the cases in order of receipt, then
/// runs the stories' operations in time order and computes each case's clock and colour for today.
/// </summary>
internal sealed class DemoCaseRunner(AppDbContext db, CaseService cases, DemoCaseWorld world, Random rng)
{
    private readonly DateOnly today = world.Today;
    private readonly string clerk = world.Clerk, supervisor = world.Supervisor, unitUser = world.UnitUser;

    /// <summary>The demo supervisor's (the city office's) 督办通知书 numbers handed out per year.</summary>
    private readonly Dictionary<int, int> noticeCounters = [];

    /// <summary>The operation that files the appeal <paramref name="level"/> against <paramref name="parent"/> on <paramref name="requested"/>.</summary>
    public void FileAppeal(Script parent, Script level, DateOnly requested, OrgUnit reviewing)
    {
        var at = parent.Story;
        AddOp(at, requested, () =>
        {
            var window = CaseClocks.AppealWindow(parent.C, world.Rules.Deadlines, world.Calendar, today)
                         ?? throw new InvalidOperationException("No appeal window.");
            level.Case = Ok(parent.C.FileAppeal(level.Number!, reviewing.Id, Channel.Letter, requested, window.DueDate, clerk, Time(at, requested)));
        });
    }

    /// <summary>Turns the plan of one case into dated operations on its story.</summary>
    public void Emit(Script s, Life l, Script? repeatOf, CaseFlags[]? flags, (DateOnly Issued, int ReplyDays, int? AnsweredAfter)? notice)
    {
        var story = s.Story;
        var m = s.Matter;
        if (s.Level == 0)
        {
            AddOp(story, s.Received, () =>
            {
                s.Case = Ok(PetitionCase.Register(new CaseIntake(s.Number!, s.Unit.Id, m.Channel, s.Received, m.Category, m.Summary, m.Content, m.People,
                    m.Petitioners.Select(p => p.CopyForDemo()).ToList()), clerk, Time(story, s.Received)));
                if (m.Channel is Channel.LeaderReception or Channel.FoundOnVisit)
                    s.Case.SetSource(null, null, l.Owner?.Id ?? world.CityLeaders[s.Received.DayNumber % world.CityLeaders.Count].Id);
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
            AddOp(story, objection, () => Ok(s.C.RecordObjection(DemoCaseTexts.Objection(l.TransferTo!.Name, (l.RetransferTo ?? m.HandlingUnit).Name), who, Time(story, objection))));
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
            var who = world.LeaderUsers.GetValueOrDefault(leader.Id, clerk);
            var text = DemoCaseTexts.Instructions[rng.Next(DemoCaseTexts.Instructions.Length)];
            AddOp(story, instruction, () => Ok(s.C.AddInstruction(leader.Id, text, who, Time(story, instruction))));
        }

        for (var i = 0; i < l.Ticks.Count && i < world.Checklist.Count; i++)
        {
            var item = world.Checklist[i];
            var day = l.Ticks[i];
            AddOp(story, day, () => Ok(s.C.SetChecklistItem(item.Id, item.Text, true, clerk, Time(story, day))));
        }

        if (l.Start is { } start)
            AddOp(story, start, () => Ok(s.C.StartHandling(handler, Time(story, start))));
        if (l.Listed is { } listed)
            AddOp(story, listed, () => Ok(s.C.SetListed(true, DemoCaseTexts.ListedReason, supervisor, Time(story, listed))));
        foreach (var day in l.Progress)
        {
            var text = DemoCaseTexts.ProgressTexts[rng.Next(DemoCaseTexts.ProgressTexts.Length)].Replace("{unit}", handling.Name, StringComparison.Ordinal);
            AddOp(story, day, () => Ok(s.C.AddProgress(text, handler, Time(story, day))));
        }

        if (l.Extension is { } extension)
        {
            var days = l.ExtensionDays;
            AddOp(story, extension, () => Ok(s.C.RequestExtension(days, DemoCaseTexts.ExtensionReason, handler, Time(story, extension))));
            AddOp(story, extension, () => Ok(s.C.ApproveExtension(supervisor, Time(story, extension)))); // the head approves (Art. 34)
        }

        if (notice is { } n)
        {
            SupervisionNotice? issued = null;
            var issuedOn = n.Issued;
            var text = DemoCaseTexts.Notice(handling.Name, issuedOn.AddDays(n.ReplyDays));
            AddOp(story, issuedOn, () =>
            {
                var at = Time(story, issuedOn);
                issued = Ok(SupervisionNotice.Issue(s.C.Id, handling.Id, text, issuedOn, issuedOn.AddDays(n.ReplyDays), supervisor, at));
                var sequence = noticeCounters[issuedOn.Year] = noticeCounters.GetValueOrDefault(issuedOn.Year) + 1;
                issued.SetDocumentNumber(world.City.Id, world.City.EffectiveNoticePrefix, issuedOn.Year, sequence);
                db.SupervisionNotices.Add(issued);
                s.C.RecordNotice(issued, answered: false, supervisor, at);
            }, ready: () => s.Case is { Id: > 0 });
            if (n.AnsweredAfter is { } after)
            {
                var answeredOn = Min(issuedOn.AddDays(after), today.AddDays(-1));
                AddOp(story, answeredOn, () =>
                {
                    var at = Time(story, answeredOn);
                    Ok(issued!.Answer(DemoCaseTexts.NoticeAnswer, answeredOn, handler, at));
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

    /// <summary>Numbers the cases in order of receipt per registering unit and year; fills the number counters.</summary>
    public void AllocateNumbers(IReadOnlyList<Story> stories)
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

    /// <summary>Runs every story's operations in time order (a story waits while an operation is not ready), then computes each case's clock for today.</summary>
    public async Task RunAsync(IReadOnlyList<Story> stories, CancellationToken ct)
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
        foreach (var (year, last) in noticeCounters)
            db.DocumentNumberCounters.Add(new Reception.Web.Data.Configurations.DocumentNumberCounter { OrgUnitId = world.City.Id, Series = NoticeNumber.Series, Year = year, LastSequence = last });
        await db.SaveChangesAsync(ct);
    }
}
