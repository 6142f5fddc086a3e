using Reception.Core.Common;

namespace Reception.Core.Rotas.Model;

public enum RotaStatus
{
    Draft = 1,
    Published = 2,
}

/// <summary>
/// The duty rota of one rule for one calendar month. It starts as a draft; publishing freezes a
/// numbered <see cref="RotaVersion"/> that the public sees. Later changes are made to the working
/// copy (<see cref="DutyAssignment"/> rows) and become visible with the next published version.
/// </summary>
public sealed class RotaMonth : IVersioned
{
    private RotaMonth() { OwedLedgerJson = "{}"; }

    public RotaMonth(int dutyRuleId, DateOnly month)
    {
        if (month.Day != 1) throw new ArgumentException("A rota month starts on the 1st.", nameof(month));
        DutyRuleId = dutyRuleId;
        Month = month;
        Status = RotaStatus.Draft;
        OwedLedgerJson = "{}";
    }

    public int Id { get; private set; }
    public int DutyRuleId { get; private set; }
    public DutyRule? DutyRule { get; private set; }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; private set; }
    public DateOnly LastDay => Month.AddMonths(1).AddDays(-1);

    public RotaStatus Status { get; private set; }

    /// <summary>The number of the latest published version (0 while never published).</summary>
    public int PublishedNumber { get; private set; }
    public DateTime? PublishedAtUtc { get; private set; }

    /// <summary>The working copy differs from the latest published version.</summary>
    public bool HasUnpublishedChanges { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>Where the rotation stood after this month, so the next month continues from it.</summary>
    public int? NextPositionLeaderId { get; private set; }
    public int? NextPositionRotationOrder { get; private set; }

    /// <summary>Owed duties after this month: {"leaderId": count}.</summary>
    public string OwedLedgerJson { get; private set; }

    public int Version { get; private set; }

    public void BumpVersion() => Version++;

    /// <summary>Stores where the rotation stands after this month; <paramref name="dutiesChanged"/> marks the working copy changed.</summary>
    public void RecordGeneration(RotaPosition? next, string owedLedgerJson, bool dutiesChanged, DateTime nowUtc)
    {
        NextPositionLeaderId = next?.LeaderId;
        NextPositionRotationOrder = next?.RotationOrder;
        OwedLedgerJson = owedLedgerJson;
        if (dutiesChanged || UpdatedAtUtc == default) Touch(nowUtc);
    }

    public void Touch(DateTime nowUtc)
    {
        UpdatedAtUtc = nowUtc;
        if (Status == RotaStatus.Published) HasUnpublishedChanges = true;
    }

    /// <summary>Publishes the next version; <paramref name="unpublishedLeft"/>: the version took only part of the working
    /// copy (an approved swap), so other edits are still drafts.</summary>
    public int Publish(DateTime nowUtc, bool unpublishedLeft = false)
    {
        Status = RotaStatus.Published;
        PublishedNumber++;
        PublishedAtUtc = nowUtc;
        UpdatedAtUtc = nowUtc;
        HasUnpublishedChanges = unpublishedLeft;
        return PublishedNumber;
    }
}
