using System.Text.Json;

namespace Reception.Core.Rotas.Model;

/// <summary>A published version of a rota month: an immutable snapshot of who received when.</summary>
public sealed class RotaVersion
{
    private RotaVersion() { SnapshotJson = "[]"; PublishedBy = ""; }

    public RotaVersion(int rotaMonthId, int number, DateTime publishedAtUtc, string publishedBy, IEnumerable<PublishedDuty> duties)
    {
        RotaMonthId = rotaMonthId;
        Number = number;
        PublishedAtUtc = publishedAtUtc;
        PublishedBy = publishedBy;
        SnapshotJson = JsonSerializer.Serialize(duties.OrderBy(d => d.Date).ThenBy(d => d.SessionIndex).ToList());
    }

    public int Id { get; private set; }
    public int RotaMonthId { get; private set; }
    public int Number { get; private set; }
    public DateTime PublishedAtUtc { get; private set; }
    public string PublishedBy { get; private set; }
    public string SnapshotJson { get; private set; }

    /// <summary>The duties of this version (closed sessions left out: <see cref="ClosedSlots"/>).</summary>
    public IReadOnlyList<PublishedDuty> Duties => Read(SnapshotJson).Where(d => !d.Closed).ToList();

    /// <summary>The sessions deliberately closed in this version (本时段不安排值班), so nobody reads them as a gap.</summary>
    public IReadOnlyList<PublishedDuty> ClosedSlots => Read(SnapshotJson).Where(d => d.Closed).ToList();

    /// <summary>Every entry of a stored snapshot, duties and closed sessions (versions before closed sessions were kept have none).</summary>
    public static IReadOnlyList<PublishedDuty> Read(string snapshotJson) => JsonSerializer.Deserialize<List<PublishedDuty>>(snapshotJson) ?? [];

    /// <summary>What changed from <paramref name="previous"/> to this version, slot by slot.</summary>
    public IReadOnlyList<DutyChange> ChangesSince(RotaVersion? previous)
    {
        var before = (previous?.Duties ?? []).ToDictionary(d => (d.Date, d.SessionIndex));
        var after = Duties.ToDictionary(d => (d.Date, d.SessionIndex));
        return before.Keys.Union(after.Keys).Order()
            .Select(k => new DutyChange(k.Date, k.SessionIndex, before.GetValueOrDefault(k), after.GetValueOrDefault(k)))
            .Where(c => c.Before?.LeaderId != c.After?.LeaderId)
            .ToList();
    }
}

/// <summary>One duty as the public sees it (no contact details). <paramref name="Closed"/>: the session is deliberately
/// closed (no leader; <see cref="ClosedSession"/> makes one).</summary>
public sealed record PublishedDuty(DateOnly Date, int SessionIndex, string SessionName, TimeOnly Start, TimeOnly End, int LeaderId, string LeaderName, string LeaderTitle,
    bool Closed = false)
{
    public static PublishedDuty ClosedSession(DateOnly date, int sessionIndex, string sessionName, TimeOnly start, TimeOnly end) =>
        new(date, sessionIndex, sessionName, start, end, 0, "", "", Closed: true);
}

public sealed record DutyChange(DateOnly Date, int SessionIndex, PublishedDuty? Before, PublishedDuty? After);
