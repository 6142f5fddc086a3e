namespace Reception.Core.Feeds;

/// <summary>What a <see cref="FeedVersion"/> row covers. A feed's content version is made of the rows its events come from.</summary>
public enum FeedVersionScope
{
    /// <summary>One row (target 0) for what every feed may show and that rarely changes: names and titles of leaders,
    /// org units, venues, duty rules and their sessions, case categories.</summary>
    Everything = 0,

    /// <summary>A leader's duties and the cases they own (their personal feed).</summary>
    Leader = 1,

    /// <summary>A leader's visits and appointment visits (their personal feed and the office feeds above them).</summary>
    LeaderVisits = 2,

    /// <summary>The duty rows of one rota month (the office feeds above the rule's org unit).</summary>
    RotaMonth = 3,

    /// <summary>The published versions of one rota month (the public feed of the rule's org unit).</summary>
    PublishedMonth = 4,
}

/// <summary>
/// The stored content version of one part of the feeds, changed in the same transaction as the data it covers (the web
/// layer's SaveChanges does it). <see cref="Stamp"/> is a fresh random number on every change, not a counter: two
/// transactions that change the same part at once may overwrite each other's stamp, but either stamp differs from the one
/// any reader saw before, so no lost update can leave a feed looking unchanged. <see cref="ChangedAtUtc"/> is when.
/// A part that has never changed has no row, which reads as stamp 0 at the Unix epoch.
/// </summary>
public sealed class FeedVersion
{
    private FeedVersion() { }

    public FeedVersion(FeedVersionScope scope, int targetId)
    {
        Scope = scope;
        TargetId = targetId;
        ChangedAtUtc = DateTime.UnixEpoch;
    }

    public FeedVersionScope Scope { get; private set; }

    /// <summary>The leader's or rota month's id; 0 for <see cref="FeedVersionScope.Everything"/>.</summary>
    public int TargetId { get; private set; }

    public int Stamp { get; private set; }
    public DateTime ChangedAtUtc { get; private set; }

    /// <summary>Marks the covered data changed at <paramref name="nowUtc"/> with a stamp other than the current one.</summary>
    public void Change(int stamp, DateTime nowUtc)
    {
        if (stamp == Stamp) stamp = stamp == int.MaxValue ? 1 : stamp + 1;
        Stamp = stamp;
        ChangedAtUtc = nowUtc;
    }
}
