using Reception.Core.Common;
using Reception.Core.Rotas;

namespace Reception.Core.Reports;

public enum PeriodicReportState
{
    /// <summary>Drafted by the job; its figures are computed afresh whenever it is read.</summary>
    Draft = 1,

    /// <summary>Numbered and frozen: its figures are the snapshot taken at publishing and never change.</summary>
    Published = 2,
}

/// <summary>
/// A periodic 通报 (issue 19 item 2) of one org unit's scope for one month, quarter, half-year or year: drafted by the job
/// after the period ends (one per unit and period: the database says so), reviewed by a clerk of the unit who adds a
/// paragraph of commentary and publishes it. Publishing gives it its document number (<see cref="ReportNumber"/>) and
/// stores its content as a JSON snapshot; a published report never changes again.
/// </summary>
public sealed class PeriodicReport : IVersioned
{
    public const int CommentaryMaxLength = 2_000;
    public const int DocumentNumberMaxLength = 50;

    private PeriodicReport() { }

    public int Id { get; private set; }
    public int OrgUnitId { get; private set; }
    public PeriodKind Kind { get; private set; }
    public int Year { get; private set; }

    /// <summary>The month, quarter or half (1 for a year), as <see cref="ReportPeriod.Number"/>.</summary>
    public int Number { get; private set; }

    public PeriodicReportState State { get; private set; }
    public DateTime DraftedAtUtc { get; private set; }
    public string? Commentary { get; private set; }
    public DateTime? PublishedAtUtc { get; private set; }
    public DateOnly? PublishedOn { get; private set; }
    public string? PublishedByUserId { get; private set; }
    public int? NumberYear { get; private set; }
    public int? NumberSequence { get; private set; }

    /// <summary>The number as printed, e.g. 演示信通〔2026〕3号.</summary>
    public string? DocumentNumber { get; private set; }

    /// <summary>The content as published (JSON), read instead of the live figures once published.</summary>
    public string? Snapshot { get; private set; }

    public int Version { get; private set; }

    public bool IsPublished => State == PeriodicReportState.Published;

    public ReportPeriod Period => ReportPeriod.TryCreate(Kind, Year, Number, out var p) ? p
        : throw new InvalidOperationException($"Report {Id} has no valid period.");

    public static PeriodicReport Draft(int orgUnitId, ReportPeriod period, DateTime nowUtc) => new()
    {
        OrgUnitId = orgUnitId,
        Kind = period.Kind,
        Year = period.Year,
        Number = period.Number,
        State = PeriodicReportState.Draft,
        DraftedAtUtc = nowUtc,
    };

    /// <summary>
    /// Publishes the draft with its commentary (trimmed, 1–<see cref="CommentaryMaxLength"/> characters), number and content.
    /// </summary>
    /// <exception cref="InvalidOperationException">It is published already.</exception>
    /// <exception cref="ArgumentException">The commentary is empty or too long, or the snapshot is empty.</exception>
    public void Publish(string commentary, string prefix, int year, int sequence, string snapshot, string userId, DateOnly today, DateTime nowUtc)
    {
        if (IsPublished) throw new InvalidOperationException("A published report does not change.");
        var text = commentary?.Trim() ?? "";
        if (text.Length is 0 or > CommentaryMaxLength) throw new ArgumentException("The commentary has 1 to 2,000 characters.", nameof(commentary));
        ArgumentException.ThrowIfNullOrWhiteSpace(snapshot);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        Commentary = text;
        NumberYear = year;
        NumberSequence = sequence;
        DocumentNumber = ReportNumber.Format(prefix, year, sequence);
        Snapshot = snapshot;
        PublishedByUserId = userId;
        PublishedOn = today;
        PublishedAtUtc = nowUtc;
        State = PeriodicReportState.Published;
    }

    public void BumpVersion() => Version++;
}
