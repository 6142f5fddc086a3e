namespace Reception.Core.Cases;

/// <summary>The message keys (English text, {0} placeholders) of <see cref="PetitionCase"/> operations.</summary>
public static class CaseMessages
{
    // Intake
    public const string SummaryRequired = "Enter a summary of the matter.";
    public const string CategoryRequired = "Choose a category.";
    public const string PetitionerRequired = "Add at least one petitioner.";
    public const string TooFewPeople = "The number of people must be at least {0}.";
    public const string TextTooLong = "The text can have at most {0} characters.";

    // Final states
    public const string IsNotAccepted = "This case was not accepted and can no longer change.";
    public const string IsClosed = "This case is closed and can no longer change.";
    public const string IsTerminated = "This matter has been terminated and can no longer change.";

    // Acceptance and routing
    public const string AlreadyAccepted = "This case has already been accepted.";
    public const string NotAcceptedReasonRequired = "Give the reason why the case is not accepted.";
    public const string TransferAfterAcceptance = "An accepted case cannot be transferred; reassign it instead.";
    public const string ObjectionOnlyAgainstTransfer = "An objection can only be recorded against a transfer.";
    public const string ObjectionAlreadyRecorded = "An objection to this transfer has already been recorded.";
    public const string ObjectionReasonRequired = "Give the reason for the objection.";

    // Assignment and handling
    public const string AssignBeforeAcceptance = "A case must be accepted before it is assigned.";
    public const string AssignAfterReply = "A case that has been replied to cannot be reassigned.";
    public const string HandlingUnitAlsoCoHandling = "The handling unit cannot also be a co-handling unit.";
    public const string StartBeforeAssignment = "A case must be assigned before handling starts.";
    public const string AlreadyStarted = "Handling of this case has already started.";
    public const string ProgressOnlyWhileHandling = "Progress can only be recorded while the case is being handled.";
    public const string ProgressRequired = "Enter the progress.";
    public const string InstructionRequired = "Enter the leader's instruction.";

    // Reply, evaluation, closure
    public const string ReplyBeforeAcceptance = "A reply cannot be recorded before the case is accepted.";
    public const string ReplyBeforeHandling = "A reply can only be recorded once handling has started.";
    public const string AlreadyReplied = "This case has already been replied to.";
    public const string ReplyRequired = "Enter the reply.";
    public const string DateBeforeReceipt = "The date cannot be before the case was received ({0}).";
    public const string EvaluationBeforeReply = "The petitioner's evaluation comes after the reply.";
    public const string AlreadyEvaluated = "The petitioner has already evaluated this case.";
    public const string CloseBeforeReply = "A case can only be closed after the reply.";

    // Resolution and termination
    public const string ResolveBeforeHandling = "Resolution can only be recorded once handling has started.";
    public const string AlreadyResolved = "This case is already recorded as resolved.";
    public const string TerminateOnlyReReview = "Only a re-review case can be terminated.";
    public const string TerminateBeforeReply = "A re-review case can be terminated only after its reply.";

    // Extension
    public const string ExtensionOnlyOriginal = "Only the handling period of an original matter can be extended.";
    public const string ExtensionOnlyWhileHandling = "An extension can only be requested while the case is being handled.";
    public const string AlreadyExtended = "This case has already been extended once.";
    public const string ExtensionPending = "An extension request is already waiting for approval.";
    public const string ExtensionDaysOutOfRange = "An extension can be from 1 to {0} days.";
    public const string ExtensionReasonRequired = "Give the reason for the extension; the petitioner must be told it.";
    public const string NoExtensionRequest = "There is no extension request to decide.";
    public const string ExtensionOwnRequest = "You requested this extension, so you cannot approve it: another clerk or a supervisor decides.";

    // Flags
    public const string RepeatNeedsLink = "A repeat case must be linked to the earlier case.";
    public const string CollectiveIsComputed = "The collective flag follows the number of people.";
    public const string CannotRepeatItself = "A case cannot be a repeat of itself.";

    // Appeals
    public const string AppealBeforeReply = "An appeal can only be filed after the reply.";
    public const string AppealAfterReReview = "A re-review is the last appeal; the matter can only be terminated.";
    public const string AlreadyAppealed = "This case has already been appealed.";
    public const string AppealTooLate = "The appeal came after the deadline ({0}).";

    // Supervision, hearing, checklist
    public const string ListingReasonRequired = "Give the reason for listing the case for supervision.";
    public const string HearingOnlyReReview = "Only a re-review case has a hearing that pauses its clock.";
    public const string HearingOnlyWhileHandling = "A hearing can only be recorded while the case is being handled.";
    public const string HearingAlreadyRecorded = "A hearing has already been recorded for this case.";
    public const string HearingEndsBeforeStart = "The hearing cannot end before it starts.";
    public const string ChecklistBeforeAssignment = "The case-ownership checklist starts when the case is assigned to a leader.";

    // Supervision notices (督办)
    public const string NoticeTextRequired = "Enter what the unit must do.";
    public const string NoticeDueBeforeIssue = "The reply deadline must be after the day of issue.";
    public const string NoticeAlreadyAnswered = "This notice has already been answered.";
    public const string NoticeReplyRequired = "Enter the unit's reply.";
}
