using Reception.Core.Cases.Deadlines;
using Reception.Core.Common;
using M = Reception.Core.Cases.CaseMessages;

namespace Reception.Core.Cases;

/// <summary>
/// A 督办 notice: a Supervisor tells a unit what to do about a case, with a reply deadline that is tracked like a
/// clock (its colour comes from <see cref="Deadlines.Supervision"/> with the reply date as the due date).
/// </summary>
public sealed class SupervisionNotice : IVersioned
{
    public const int TextMaxLength = 2_000;

    private SupervisionNotice() { Text = IssuedByUserId = ""; }

    private SupervisionNotice(int caseId, int toUnitId, string text, DateOnly issuedOn, DateOnly replyDueOn, string userId, DateTime nowUtc)
    {
        PetitionCaseId = caseId;
        ToUnitId = toUnitId;
        Text = text;
        IssuedOn = issuedOn;
        ReplyDueOn = replyDueOn;
        IssuedByUserId = userId;
        IssuedAtUtc = nowUtc;
    }

    public int Id { get; private set; }
    public int PetitionCaseId { get; private set; }
    public int ToUnitId { get; private set; }
    public string Text { get; private set; }
    public DateOnly IssuedOn { get; private set; }
    public DateOnly ReplyDueOn { get; private set; }
    public string IssuedByUserId { get; private set; }
    public DateTime IssuedAtUtc { get; private set; }
    public string? ReplyText { get; private set; }
    public string? RepliedByUserId { get; private set; }
    public DateTime? RepliedAtUtc { get; private set; }
    public DateOnly? RepliedOn { get; private set; }
    public int Version { get; private set; }

    // ---- the document number (文号) of the printed 督办通知书: the issuing office's own sequence per year

    /// <summary>The office whose sequence numbered this notice (the Supervisor's unit); null for notices issued before numbering.</summary>
    public int? IssuingUnitId { get; private set; }

    public int? NumberYear { get; private set; }
    public int? NumberSequence { get; private set; }

    /// <summary>The number as printed, e.g. 演示信督〔2026〕12号 (<see cref="NoticeNumber.Format"/>), kept as it was at issue.</summary>
    public string? DocumentNumber { get; private set; }

    /// <summary>Gives the notice its document number; once, before it is first saved.</summary>
    /// <exception cref="InvalidOperationException">It already has one, or it has been saved.</exception>
    public void SetDocumentNumber(int issuingUnitId, string prefix, int year, int sequence)
    {
        if (Id != 0 || DocumentNumber is not null) throw new InvalidOperationException("A notice is numbered once, when it is issued.");
        IssuingUnitId = issuingUnitId;
        NumberYear = year;
        NumberSequence = sequence;
        DocumentNumber = NoticeNumber.Format(prefix, year, sequence);
    }

    public bool IsAnswered => RepliedAtUtc is not null;

    public void BumpVersion() => Version++;

    /// <summary>Only an open notice can be answered (by the unit it is addressed to: the caller's check).</summary>
    public bool CanAnswer => !IsAnswered;

    /// <summary>
    /// The colour of an open notice's reply deadline, tracked like a clock: the reply date is the due date and the day of
    /// issue stands for the last progress. Null once answered.
    /// </summary>
    public static SupervisionColour? ReplyColour(DateOnly issuedOn, DateOnly replyDueOn, bool answered, DateOnly today, SupervisionThresholds thresholds) =>
        answered ? null : Supervision.ColourOf(replyDueOn, issuedOn, today, false, thresholds).Colour;

    /// <inheritdoc cref="ReplyColour(DateOnly, DateOnly, bool, DateOnly, SupervisionThresholds)"/>
    public SupervisionColour? ReplyColourOn(DateOnly today, SupervisionThresholds thresholds) =>
        ReplyColour(IssuedOn, ReplyDueOn, IsAnswered, today, thresholds);

    public static CaseResult<SupervisionNotice> Issue(int caseId, int toUnitId, string? text, DateOnly issuedOn, DateOnly replyDueOn,
        string userId, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(text)) return CaseResult<SupervisionNotice>.Fail(M.NoticeTextRequired);
        if (text.Trim().Length > TextMaxLength) return CaseResult<SupervisionNotice>.Fail(M.TextTooLong, TextMaxLength);
        if (replyDueOn <= issuedOn) return CaseResult<SupervisionNotice>.Fail(M.NoticeDueBeforeIssue);
        return CaseResult<SupervisionNotice>.Success(new SupervisionNotice(caseId, toUnitId, text.Trim(), issuedOn, replyDueOn, userId, nowUtc));
    }

    public CaseResult Answer(string? reply, DateOnly today, string userId, DateTime nowUtc)
    {
        if (IsAnswered) return CaseResult.Fail(M.NoticeAlreadyAnswered);
        if (string.IsNullOrWhiteSpace(reply)) return CaseResult.Fail(M.NoticeReplyRequired);
        if (reply.Trim().Length > TextMaxLength) return CaseResult.Fail(M.TextTooLong, TextMaxLength);
        ReplyText = reply.Trim();
        RepliedByUserId = userId;
        RepliedAtUtc = nowUtc;
        RepliedOn = today;
        return CaseResult.Ok;
    }
}
