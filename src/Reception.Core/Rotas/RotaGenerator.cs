using System.Globalization;
using Reception.Core.Common;

namespace Reception.Core.Rotas;

/// <summary>
/// Generates the duty rota of one rule for a period. Pure and deterministic: the result depends only on the request
/// (no clock, no randomness, no dependence on the order of the request's lists or of dictionaries).
/// <para>
/// The slots — every session of every working day with duty under the rule — are filled in date and session order
/// by a small state machine: a rotation pointer (the leader whose turn came last) and a signed owed-duty ledger
/// (positive: duties owed because the leader was skipped while unavailable; negative: extra duties taken, whose
/// turns will be passed). For each slot the engine decides as if the slot were free:
/// </para>
/// <list type="number">
/// <item>FixedWeekday: the weekday's fixed leader, when available (no ledger change).</item>
/// <item>Monthly, in a month entirely inside the period whose slots can hold every leader's minimum: a leader who
/// would otherwise miss the minimum (fewest spare chances first), once the remaining slots of the month leave no
/// room to wait. Unless it is their turn anyway this is an extra duty (−1, or serving a debt).</item>
/// <item>An available leader with owed duties (most owed first, then the nearest in rotation order): serves one
/// owed duty (−1).</item>
/// <item>The turn: the pointer moves on to the next leader who is available and has no extra duty to work off;
/// each leader passed over gets +1 (owed if unavailable, working off an extra duty otherwise).</item>
/// <item>If no such leader is available, the next available one in rotation order takes an extra duty (−1).</item>
/// </list>
/// <para>
/// A kept assignment (manual override or published) is never changed. If its leader is the one the engine would have
/// chosen, the state changes exactly as if the engine had generated it — so publishing or pinning any part of a
/// generated rota and generating again gives the same rota. Otherwise its leader took a duty out of turn: −1 on the
/// ledger (serving a debt, or an extra duty whose next turn will be passed); nobody else's turn is consumed.
/// </para>
/// </summary>
public static class RotaGenerator
{
    /// <exception cref="ArgumentException">The rule is invalid (<see cref="RotaRule.Validate"/>) or To is before From.</exception>
    public static RotaGenerationResult Generate(RotaGenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Rule, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Calendar, nameof(request));

        var problems = request.Rule.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("The rota rule is invalid: " + string.Join(" ", problems), nameof(request));
        }

        if (request.To < request.From)
        {
            throw new ArgumentException($"The period ends ({DateText.Of(request.To)}) before it starts ({DateText.Of(request.From)}).", nameof(request));
        }

        return new Run(request).Execute();
    }

    private enum DecisionKind
    {
        Uncovered,
        Fixed,
        Forced,
        Owed,
        Turn,
        Extra,
    }

    /// <param name="Leader">Leader table index; −1 when uncovered.</param>
    /// <param name="NewPointer">Turn only: the cycle position that takes the turn.</param>
    /// <param name="Skipped">Turn only: how many leaders after the pointer are passed over.</param>
    private readonly record struct Decision(DecisionKind Kind, int Leader, int NewPointer = -1, int Skipped = 0);

    private sealed class Run
    {
        private readonly RotaGenerationRequest _request;
        private readonly RotaRule _rule;
        private readonly DutySession[] _sessions;
        private readonly int _k;
        private readonly DateOnly _from;
        private readonly int _dayCount;
        private readonly int _minimum;

        // Leader table: the rule's leaders in rotation order, then other leaders (kept or carried in) by id.
        private readonly int[] _ids;
        private readonly string[] _names;
        private readonly Dictionary<int, int> _indexOf = [];
        private readonly int _ruleLeaderCount;
        private readonly int _leaderCount;

        /// <summary>The rotating leaders (table indices) in rotation order.</summary>
        private readonly int[] _cycle;
        private readonly int[] _cyclePosition;
        private readonly RotaLeader[] _cycleLeaders;

        /// <summary>Table index of the fixed leader per <see cref="DayOfWeek"/>, or −1.</summary>
        private readonly int[] _fixedByWeekday = [-1, -1, -1, -1, -1, -1, -1];

        /// <summary>[day × leader]: 0 = available, otherwise <see cref="UnavailabilityReason"/> + 1.</summary>
        private readonly byte[] _unavailable;
        private readonly bool[] _isDutyDay;

        // Monthly look-ahead, within the day's month: duty days after day t, and those on which cycle leader j is available.
        private readonly int[] _laterDutyDays = [];
        private readonly int[] _laterAvailableDays = [];

        /// <summary>Monthly: whether the day's month lies inside the period and has slots for every leader's minimum.
        /// When it has not, the minimum cannot be met and plain rotation is the fairest answer (with warnings).</summary>
        private readonly bool[] _minimumPossible = [];

        private readonly List<KeptAssignment> _kept;
        private readonly HashSet<(DateOnly, int)> _closed;

        // State.
        private readonly int[] _owedBefore;
        private readonly int[] _owed;
        private readonly List<OwedChange>?[] _changes;
        private int _pointer;
        private bool _pointerMoved;
        private readonly int[] _generated;
        private readonly int[] _keptCount;
        private readonly int[] _unavailableDutyDays;
        private readonly int[] _monthCount;
        private readonly int[] _monthUnavailableDutyDays;

        private readonly List<RotaAssignment> _assignments = [];
        private readonly List<RotaWarning> _slotWarnings = [];
        private readonly List<RotaWarning> _monthWarnings = [];

        public Run(RotaGenerationRequest request)
        {
            _request = request;
            _rule = request.Rule;
            _sessions = [.. _rule.Sessions];
            _k = _sessions.Length;
            _from = request.From;
            _dayCount = request.To.DayNumber - request.From.DayNumber + 1;
            _minimum = _rule.Pattern == RotaPattern.Monthly ? _rule.MinimumPerMonth : 0;

            var ruleLeaders = _rule.Leaders.OrderBy(l => l.RotationOrder).ThenBy(l => l.LeaderId).ToArray();
            if (request.Kept?.Any(a => a.Kind == AssignmentSource.Generated) == true)
                throw new ArgumentException("A kept assignment is a hand-set or a published one, not a generated one.", nameof(request));
            _closed = (request.Closed ?? []).Select(c => (c.Date, c.SessionIndex)).ToHashSet();
            _kept = (request.Kept ?? [])
                .Where(a => a.Date >= request.From && a.Date <= request.To)
                .OrderBy(a => a.Date).ThenBy(a => a.SessionIndex).ThenBy(a => a.Kind).ThenBy(a => a.LeaderId)
                .ToList();
            var owedBefore = request.OwedBefore ?? new Dictionary<int, int>();
            var others = _kept.Select(a => a.LeaderId).Concat(owedBefore.Keys)
                .Where(id => !ruleLeaders.Any(l => l.LeaderId == id))
                .Distinct().Order().ToArray();

            _ruleLeaderCount = ruleLeaders.Length;
            _leaderCount = ruleLeaders.Length + others.Length;
            _ids = [.. ruleLeaders.Select(l => l.LeaderId), .. others];
            _names = [.. ruleLeaders.Select(l => l.DisplayName), .. others.Select(id => "#" + id.ToString(CultureInfo.InvariantCulture))];
            for (var i = 0; i < _leaderCount; i++)
            {
                _indexOf[_ids[i]] = i;
            }

            var fixedIds = new HashSet<int>();
            if (_rule.Pattern == RotaPattern.FixedWeekday)
            {
                foreach (var duty in _rule.FixedDuties)
                {
                    _fixedByWeekday[(int)duty.Weekday] = _indexOf[duty.LeaderId];
                    fixedIds.Add(duty.LeaderId);
                }
            }

            _cycleLeaders = ruleLeaders.Where(l => !fixedIds.Contains(l.LeaderId)).ToArray();
            _cycle = _cycleLeaders.Select(l => _indexOf[l.LeaderId]).ToArray();
            _cyclePosition = Enumerable.Repeat(-1, _leaderCount).ToArray();
            for (var j = 0; j < _cycle.Length; j++)
            {
                _cyclePosition[_cycle[j]] = j;
            }

            _pointer = InitialPointer(request.Position);

            _owedBefore = new int[_leaderCount];
            foreach (var id in owedBefore.Keys)
            {
                _owedBefore[_indexOf[id]] = owedBefore[id];
            }

            _owed = (int[])_owedBefore.Clone();
            _changes = new List<OwedChange>?[_leaderCount];
            _generated = new int[_leaderCount];
            _keptCount = new int[_leaderCount];
            _unavailableDutyDays = new int[_leaderCount];
            _monthCount = new int[_leaderCount];
            _monthUnavailableDutyDays = new int[_leaderCount];

            _unavailable = new byte[_dayCount * _leaderCount];
            MarkUnavailability(request.Unavailability ?? []);

            _isDutyDay = new bool[_dayCount];
            for (var t = 0; t < _dayCount; t++)
            {
                var date = DateAt(t);
                _isDutyDay[t] = request.Calendar.IsWorkingDay(date) && _rule.HasDutyOn(date.DayOfWeek);
            }

            if (_minimum > 0)
            {
                var n = _cycle.Length;
                _laterDutyDays = new int[_dayCount];
                _laterAvailableDays = new int[_dayCount * n];
                _minimumPossible = new bool[_dayCount];
                for (var t = _dayCount - 2; t >= 0; t--)
                {
                    if (DateAt(t + 1).Day == 1)
                    {
                        continue; // the next day starts another month: nothing later in this one
                    }

                    var dutyNext = _isDutyDay[t + 1];
                    _laterDutyDays[t] = _laterDutyDays[t + 1] + (dutyNext ? 1 : 0);
                    for (var j = 0; j < n; j++)
                    {
                        var availableNext = dutyNext && IsAvailable(t + 1, _cycle[j]);
                        _laterAvailableDays[(t * n) + j] = _laterAvailableDays[((t + 1) * n) + j] + (availableNext ? 1 : 0);
                    }
                }

                for (var t = 0; t < _dayCount; t++)
                {
                    var date = DateAt(t);
                    if (date.Day == 1 && MonthInsidePeriod(date))
                    {
                        var slots = _k * (_laterDutyDays[t] + (_isDutyDay[t] ? 1 : 0));
                        var possible = (long)_minimum * n <= slots;
                        for (var u = t; u < _dayCount && (u == t || DateAt(u).Day != 1); u++)
                        {
                            _minimumPossible[u] = possible;
                        }
                    }
                }
            }
        }

        public RotaGenerationResult Execute()
        {
            var warnings = new List<RotaWarning>();
            foreach (var year in _request.Calendar.UnknownYearsBetween(_request.From, _request.To))
            {
                warnings.Add(new RotaWarning(
                    RotaWarningKind.UnknownHolidayYear, Message(RotaMessages.UnknownHolidayYear, year), Year: year));
            }

            var keptAt = 0;
            for (var t = 0; t < _dayCount; t++)
            {
                var date = DateAt(t);
                if (t > 0 && date.Day == 1)
                {
                    EndMonth(DateAt(t - 1));
                }

                if (_isDutyDay[t])
                {
                    for (var i = 0; i < _leaderCount; i++)
                    {
                        if (!IsAvailable(t, i))
                        {
                            _unavailableDutyDays[i]++;
                            _monthUnavailableDutyDays[i]++;
                        }
                    }
                }

                var dayEnd = keptAt;
                while (dayEnd < _kept.Count && _kept[dayEnd].Date == date)
                {
                    dayEnd++;
                }

                ProcessDay(t, keptAt, dayEnd);
                keptAt = dayEnd;
            }

            EndMonth(_request.To);

            warnings.AddRange(_slotWarnings.OrderBy(w => w.Date).ThenBy(w => w.SessionIndex));
            warnings.AddRange(ImbalanceWarnings());
            warnings.AddRange(_monthWarnings);

            return new RotaGenerationResult(
                _assignments.AsReadOnly(),
                Ledger(),
                _pointerMoved ? PositionOf(_pointer) : _request.Position,
                Counts(),
                warnings.AsReadOnly());
        }

        // ---- one day --------------------------------------------------------------------------------------------

        /// <summary>Processes the day's duty slots and its kept assignments (<c>_kept[from..to)</c>, sorted by
        /// session, kind, leader) in session order.</summary>
        private void ProcessDay(int t, int from, int to)
        {
            var i = from;
            while (i < to && _kept[i].SessionIndex < 0)
            {
                i = KeepOutsideRule(t, i, to);
            }

            for (var s = 0; s < _k; s++)
            {
                if (i < to && _kept[i].SessionIndex == s)
                {
                    i = _isDutyDay[t] ? KeepOnSlot(t, s, i, to) : KeepOutsideRule(t, i, to);
                }
                else if (_isDutyDay[t] && !_closed.Contains((DateAt(t), s)))
                {
                    GenerateSlot(t, s);
                }
            }

            while (i < to)
            {
                i = KeepOutsideRule(t, i, to);
            }
        }

        private void GenerateSlot(int t, int s)
        {
            var decision = Decide(t, s);
            if (decision.Leader < 0)
            {
                _slotWarnings.Add(new RotaWarning(
                    RotaWarningKind.Uncovered, Message(RotaMessages.Uncovered, DateText.Of(DateAt(t)), SessionName(s)), DateAt(t), s));
                return;
            }

            Apply(decision, t, s);
            Assign(t, s, decision.Leader, AssignmentSource.Generated);
        }

        /// <summary>Keeps the first kept assignment of a duty slot; returns the index after the slot's entries.</summary>
        private int KeepOnSlot(int t, int s, int i, int to)
        {
            var kept = _kept[i];
            var leader = _indexOf[kept.LeaderId];
            var next = ReportDuplicates(t, s, i, to);
            if (!IsAvailable(t, leader))
            {
                _slotWarnings.Add(new RotaWarning(
                    RotaWarningKind.Conflict,
                    Message(RotaMessages.KeptLeaderUnavailable, _names[leader], DateText.Of(DateAt(t)), SessionName(s)),
                    DateAt(t), s, kept.LeaderId));
            }

            var decision = Decide(t, s);
            if (decision.Leader == leader)
            {
                Apply(decision, t, s);
            }
            else
            {
                TookDutyOutOfTurn(leader, t, s);
            }

            Assign(t, s, leader, kept.Kind);
            return next;
        }

        /// <summary>A kept assignment on a day without duty or in a session the rule does not have: kept, counted, warned.</summary>
        private int KeepOutsideRule(int t, int i, int to)
        {
            var kept = _kept[i];
            var s = kept.SessionIndex;
            var leader = _indexOf[kept.LeaderId];
            var next = ReportDuplicates(t, s, i, to);
            var message = s >= 0 && s < _k
                ? Message(RotaMessages.KeptOnDayWithoutDuty, _names[leader], DateText.Of(DateAt(t)), SessionName(s))
                : Message(RotaMessages.KeptSessionMissing, _names[leader], DateText.Of(DateAt(t)), s + 1);
            _slotWarnings.Add(new RotaWarning(RotaWarningKind.Conflict, message, DateAt(t), s, kept.LeaderId));
            TookDutyOutOfTurn(leader, t, s);
            Assign(t, s, leader, kept.Kind);
            return next;
        }

        /// <summary>Warns about further kept entries for the same slot as <c>_kept[i]</c> (which wins: manual overrides
        /// before published, then the lower leader id); returns the index after them.</summary>
        private int ReportDuplicates(int t, int s, int i, int to)
        {
            var winner = _kept[i];
            var j = i + 1;
            for (; j < to && _kept[j].SessionIndex == s; j++)
            {
                var other = _kept[j];
                var message = other.LeaderId == winner.LeaderId
                    ? Message(RotaMessages.KeptTwice, _names[_indexOf[winner.LeaderId]], DateText.Of(DateAt(t)), SessionName(s))
                    : Message(RotaMessages.KeptSlotClash, _names[_indexOf[winner.LeaderId]], _names[_indexOf[other.LeaderId]], DateText.Of(DateAt(t)), SessionName(s));
                _slotWarnings.Add(new RotaWarning(RotaWarningKind.Conflict, message, DateAt(t), s, other.LeaderId));
            }

            return j;
        }

        // ---- deciding and applying ------------------------------------------------------------------------------

        /// <summary>Who the engine would put on the slot; reads the state, never changes it.</summary>
        private Decision Decide(int t, int s)
        {
            if (_rule.Pattern == RotaPattern.FixedWeekday)
            {
                var fixedLeader = _fixedByWeekday[(int)DateAt(t).DayOfWeek];
                if (fixedLeader >= 0 && IsAvailable(t, fixedLeader))
                {
                    return new Decision(DecisionKind.Fixed, fixedLeader);
                }
            }

            if (_cycle.Length == 0)
            {
                return new Decision(DecisionKind.Uncovered, -1);
            }

            var normal = DecideRotation(t);
            if (_minimum > 0 && _minimumPossible[t])
            {
                var forced = MinimumAtRisk(t, s);
                if (forced >= 0 && forced != normal.Leader)
                {
                    return new Decision(DecisionKind.Forced, forced);
                }
            }

            return normal;
        }

        private Decision DecideRotation(int t)
        {
            var n = _cycle.Length;
            var owedLeader = -1;
            for (var step = 1; step <= n; step++)
            {
                var leader = _cycle[(_pointer + step) % n];
                if (_owed[leader] > 0 && IsAvailable(t, leader)
                    && (owedLeader < 0 || _owed[leader] > _owed[owedLeader]))
                {
                    owedLeader = leader;
                }
            }

            if (owedLeader >= 0)
            {
                return new Decision(DecisionKind.Owed, owedLeader);
            }

            for (var step = 1; step <= n; step++)
            {
                var position = (_pointer + step) % n;
                var leader = _cycle[position];
                if (_owed[leader] >= 0 && IsAvailable(t, leader))
                {
                    return new Decision(DecisionKind.Turn, leader, position, step - 1);
                }
            }

            for (var step = 1; step <= n; step++)
            {
                var leader = _cycle[(_pointer + step) % n];
                if (IsAvailable(t, leader))
                {
                    return new Decision(DecisionKind.Extra, leader);
                }
            }

            return new Decision(DecisionKind.Uncovered, -1);
        }

        /// <summary>Monthly: the available leader who must take this slot to reach the minimum, or −1. Only when the
        /// month's remaining slots leave no room to wait: a leader has no spare chance left, or all leaders' remaining
        /// needs fill every remaining slot. Fewest spare chances first, then most owed, then rotation order.</summary>
        private int MinimumAtRisk(int t, int s)
        {
            var n = _cycle.Length;
            var slotsLeft = (_k - s) + (_k * _laterDutyDays[t]);
            var needTotal = 0;
            for (var position = 0; position < n; position++)
            {
                // A leader away for the rest of the month cannot use slots: count only the need they can still meet.
                var leader = _cycle[position];
                needTotal += Math.Max(0, Math.Min(_minimum - _monthCount[leader], SlotsLeftFor(t, s, position)));
            }

            var tight = needTotal >= slotsLeft;
            var best = -1;
            var bestSlack = int.MaxValue;
            for (var step = 1; step <= n; step++)
            {
                var position = (_pointer + step) % n;
                var leader = _cycle[position];
                var need = _minimum - _monthCount[leader];
                if (need <= 0 || !IsAvailable(t, leader))
                {
                    continue;
                }

                var slack = SlotsLeftFor(t, s, position) - need;
                if (!tight && slack > 0)
                {
                    continue;
                }

                if (best < 0 || slack < bestSlack || (slack == bestSlack && _owed[leader] > _owed[best]))
                {
                    best = leader;
                    bestSlack = slack;
                }
            }

            return best;
        }

        /// <summary>Monthly: the slots from (t, s) to the end of the month that cycle leader <paramref name="position"/> could take.</summary>
        private int SlotsLeftFor(int t, int s, int position) =>
            (IsAvailable(t, _cycle[position]) ? _k - s : 0) + (_k * _laterAvailableDays[(t * _cycle.Length) + position]);

        private void Apply(Decision decision, int t, int s)
        {
            var leader = decision.Leader;
            switch (decision.Kind)
            {
                case DecisionKind.Owed:
                    Change(leader, t, s, OwedChangeKind.ServedOwedDuty, -1, null, RotaMessages.ServedOwedDuty);
                    break;
                case DecisionKind.Forced when _owed[leader] > 0:
                    Change(leader, t, s, OwedChangeKind.ServedOwedDuty, -1, null, RotaMessages.ServedOwedDuty);
                    break;
                case DecisionKind.Forced:
                    Change(leader, t, s, OwedChangeKind.ExtraDutyForMinimum, -1, null, RotaMessages.ExtraDutyForMinimum);
                    break;
                case DecisionKind.Extra:
                    Change(leader, t, s, OwedChangeKind.ExtraDutyNoOneElse, -1, null, RotaMessages.ExtraDutyNoOneElse);
                    break;
                case DecisionKind.Turn:
                    var n = _cycle.Length;
                    for (var step = 1; step <= decision.Skipped; step++)
                    {
                        var passed = _cycle[(_pointer + step) % n];
                        if (_owed[passed] < 0)
                        {
                            Change(passed, t, s, OwedChangeKind.TurnPassed, +1, null, RotaMessages.TurnPassed);
                        }
                        else
                        {
                            var reason = (UnavailabilityReason)(_unavailable[(t * _leaderCount) + passed] - 1);
                            Change(passed, t, s, OwedChangeKind.SkippedWhileUnavailable, +1, reason, SkippedKey(reason));
                        }
                    }

                    _pointer = decision.NewPointer;
                    _pointerMoved = true;
                    break;
            }
        }

        /// <summary>A kept assignment gave a rotating leader a duty the engine would not have: −1.</summary>
        private void TookDutyOutOfTurn(int leader, int t, int s)
        {
            if (_cyclePosition[leader] < 0)
            {
                return; // a fixed-weekday leader or someone outside the rule: not in the rotation
            }

            if (_owed[leader] > 0)
            {
                Change(leader, t, s, OwedChangeKind.ServedOwedDuty, -1, null, RotaMessages.ServedOwedDuty);
            }
            else
            {
                Change(leader, t, s, OwedChangeKind.ExtraDutyKept, -1, null, RotaMessages.ExtraDutyKept);
            }
        }

        private void Change(int leader, int t, int s, OwedChangeKind kind, int delta, UnavailabilityReason? reason, string key)
        {
            _owed[leader] += delta;
            (_changes[leader] ??= []).Add(new OwedChange(DateAt(t), s, kind, delta, reason, Message(key, DateText.Of(DateAt(t)), SessionName(s))));
        }

        private void Assign(int t, int s, int leader, AssignmentSource source)
        {
            _assignments.Add(new RotaAssignment(DateAt(t), s, _ids[leader], source));
            if (source == AssignmentSource.Generated)
            {
                _generated[leader]++;
            }
            else
            {
                _keptCount[leader]++;
            }

            _monthCount[leader]++;
        }

        // ---- summaries ------------------------------------------------------------------------------------------

        private void EndMonth(DateOnly dayInMonth)
        {
            if (_minimum > 0 && MonthInsidePeriod(dayInMonth))
            {
                var first = new DateOnly(dayInMonth.Year, dayInMonth.Month, 1);
                var month = DateText.Month(first);
                foreach (var leader in _cycle)
                {
                    var count = _monthCount[leader];
                    if (count >= _minimum)
                    {
                        continue;
                    }

                    var away = _monthUnavailableDutyDays[leader];
                    var message = away > 0
                        ? Message(RotaMessages.BelowMonthlyMinimumUnavailable, _names[leader], count, month, _minimum, away)
                        : Message(RotaMessages.BelowMonthlyMinimum, _names[leader], count, month, _minimum);
                    _monthWarnings.Add(new RotaWarning(RotaWarningKind.Imbalance, message, first, LeaderId: _ids[leader]));
                }
            }

            Array.Clear(_monthCount);
            Array.Clear(_monthUnavailableDutyDays);
        }

        private IEnumerable<RotaWarning> ImbalanceWarnings()
        {
            if (_cycle.Length < 2)
            {
                yield break;
            }

            var most = _cycle.Max(Total);
            foreach (var leader in _cycle)
            {
                var total = Total(leader);
                if (total >= most - 1)
                {
                    continue;
                }

                var away = _unavailableDutyDays[leader];
                var message = away > 0
                    ? Message(RotaMessages.ImbalanceUnavailable, _names[leader], total, most, away)
                    : Message(RotaMessages.Imbalance, _names[leader], total, most);
                yield return new RotaWarning(RotaWarningKind.Imbalance, message, LeaderId: _ids[leader]);
            }
        }

        private int Total(int leader) => _generated[leader] + _keptCount[leader];

        private System.Collections.ObjectModel.ReadOnlyCollection<OwedLedgerEntry> Ledger()
        {
            var entries = new List<OwedLedgerEntry>();
            foreach (var leader in _cycle)
            {
                entries.Add(LedgerEntry(leader));
            }

            for (var leader = 0; leader < _leaderCount; leader++)
            {
                if (_cyclePosition[leader] < 0 && (_owedBefore[leader] != 0 || _changes[leader] is not null))
                {
                    entries.Add(LedgerEntry(leader));
                }
            }

            // Rule leaders outside the rotation (fixed) come before outsiders in the table; sort those by id.
            var rotating = entries.Take(_cycle.Length);
            var rest = entries.Skip(_cycle.Length).OrderBy(e => e.LeaderId);
            return rotating.Concat(rest).ToList().AsReadOnly();
        }

        private OwedLedgerEntry LedgerEntry(int leader) =>
            new(_ids[leader], _owedBefore[leader], _owed[leader], (IReadOnlyList<OwedChange>?)_changes[leader]?.AsReadOnly() ?? []);

        private System.Collections.ObjectModel.ReadOnlyCollection<LeaderDutyCount> Counts()
        {
            var counts = new List<LeaderDutyCount>();
            for (var leader = 0; leader < _leaderCount; leader++)
            {
                if (leader < _ruleLeaderCount || Total(leader) > 0)
                {
                    counts.Add(new LeaderDutyCount(_ids[leader], _generated[leader], _keptCount[leader], _unavailableDutyDays[leader]));
                }
            }

            return counts.AsReadOnly();
        }

        // ---- helpers --------------------------------------------------------------------------------------------

        private int InitialPointer(RotaPosition? position)
        {
            var n = _cycle.Length;
            if (position is null || n == 0)
            {
                return n - 1; // the first turn goes to the first leader
            }

            // The next turn goes to the first leader after the position in rotation order (wrapping around).
            var atOrBefore = _cycleLeaders.Count(l =>
                l.RotationOrder < position.RotationOrder
                || (l.RotationOrder == position.RotationOrder && l.LeaderId <= position.LeaderId));
            return atOrBefore == 0 ? n - 1 : atOrBefore - 1;
        }

        private RotaPosition PositionOf(int cyclePosition)
        {
            var leader = _cycleLeaders[cyclePosition];
            return new RotaPosition(leader.LeaderId, leader.RotationOrder);
        }

        private void MarkUnavailability(IReadOnlyList<LeaderUnavailability> entries)
        {
            // Sorted so that, where entries overlap, the reason recorded does not depend on the list's order.
            foreach (var entry in entries.OrderBy(e => e.LeaderId).ThenBy(e => e.From).ThenBy(e => e.To).ThenBy(e => e.Reason))
            {
                if (!_indexOf.TryGetValue(entry.LeaderId, out var leader))
                {
                    continue;
                }

                var first = Math.Max(entry.From.DayNumber, _from.DayNumber) - _from.DayNumber;
                var last = Math.Min(entry.To.DayNumber, _request.To.DayNumber) - _from.DayNumber;
                for (var t = first; t <= last; t++)
                {
                    ref var cell = ref _unavailable[(t * _leaderCount) + leader];
                    if (cell == 0)
                    {
                        cell = (byte)((Enum.IsDefined(entry.Reason) ? (int)entry.Reason : 0) + 1);
                    }
                }
            }
        }

        private bool IsAvailable(int t, int leader) => _unavailable[(t * _leaderCount) + leader] == 0;

        private bool MonthInsidePeriod(DateOnly day)
        {
            var first = new DateOnly(day.Year, day.Month, 1);
            return first >= _request.From && first.AddMonths(1).AddDays(-1) <= _request.To;
        }

        private DateOnly DateAt(int t) => _from.AddDays(t);

        private string SessionName(int s) =>
            s >= 0 && s < _k ? RotaRule.SessionLabel(_sessions[s], s) : (s + 1).ToString(CultureInfo.InvariantCulture);

        private static string SkippedKey(UnavailabilityReason reason) => reason switch
        {
            UnavailabilityReason.Leave => RotaMessages.SkippedOnLeave,
            UnavailabilityReason.Travel => RotaMessages.SkippedTravelling,
            UnavailabilityReason.Meeting => RotaMessages.SkippedAtMeeting,
            _ => RotaMessages.SkippedOnVisit,
        };

        private static LocalizableMessage Message(string key, params object[] args) => new(key, args);
    }
}
