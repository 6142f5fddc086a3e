namespace Reception.Web.Audit;

/// <summary>
/// The codes of what the audit log records (<see cref="Reception.Core.Audit.AuditRecord.Action"/>). Each has a label
/// "Audit.{code}" in the resources; the auditor filters by them.
/// </summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in.failed";
    public const string SignInThrottled = "sign-in.throttled";
    public const string SignOut = "sign-out";
    public const string SessionEnded = "session.ended";
    public const string PasswordChange = "password.change";
    public const string PasswordReset = "password.reset";
    public const string TwoFactorEnable = "2fa.enable";
    public const string TwoFactorDisable = "2fa.disable";
    public const string TwoFactorRecoveryCodes = "2fa.recovery-codes";
    public const string TwoFactorReset = "2fa.reset";
    public const string UserChange = "user.change";
    public const string UserUnlock = "user.unlock";
    public const string OrgChange = "org.change";
    public const string PersonalDataView = "personal-data.view";

    /// <summary>One petitioner's contact details revealed, with a stated reason, by someone outside the owning scope.</summary>
    public const string PersonalDataReveal = "personal-data.reveal";
    public const string Export = "export";
    public const string AttachmentDownload = "attachment.download";
    public const string RepeatCheck = "intake.repeat-check";
    public const string SettingsChange = "settings.change";
    public const string HolidaysChange = "holidays.change";
    public const string JobChange = "job.change";
    public const string AccessRefused = "access.refused";
    public const string AuditVerify = "audit.verify";
    public const string AuditArchive = "audit.archive";
    public const string QueryCodeIssue = "query-code.issue";
    public const string CaseImport = "cases.import";

    /// <summary>A periodic 通报 published with its document number.</summary>
    public const string ReportPublish = "report.publish";

    public static readonly IReadOnlyList<string> All =
    [
        SignIn, SignInFailed, SignInThrottled, SignOut, SessionEnded, PasswordChange, PasswordReset, TwoFactorEnable, TwoFactorDisable,
        TwoFactorRecoveryCodes, TwoFactorReset, UserChange, UserUnlock, OrgChange, PersonalDataView, PersonalDataReveal, Export, AttachmentDownload, RepeatCheck, SettingsChange,
        HolidaysChange, JobChange, AccessRefused, AuditVerify, AuditArchive, QueryCodeIssue, CaseImport, ReportPublish,
    ];

    /// <summary>The resource key of an action's label.</summary>
    public static string LabelKey(string action) => "Audit." + action;
}
