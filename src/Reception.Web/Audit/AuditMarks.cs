using Reception.Core.Audit;

namespace Reception.Web.Audit;

/// <summary>
/// Marks a page's POST handlers as security-relevant changes: <see cref="AuditPageFilter"/> records each one with its
/// handler, the record's id and the outcome (a redirect: done; the form shown again: refused by validation).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AuditedAttribute(string action) : Attribute
{
    public string Action { get; } = action;
}

/// <summary>
/// What a page asks to be recorded about this request, kept on the HttpContext and written by <see cref="AuditPageFilter"/>
/// after the handler ran — so a page needs no extra service for it: an unmasked view, a repeat check, an export's
/// personal data, a change's before and after.
/// </summary>
public static class AuditMarks
{
    private const string EntriesKey = "reception.audit.entries";
    private const string PersonalDataKey = "reception.audit.personal";
    private const string DetailKey = "reception.audit.detail";
    private const string ActionKey = "reception.audit.action";

    /// <summary>Records <paramref name="entry"/> for the signed-in user once the handler has run.</summary>
    public static void Add(HttpContext context, AuditEntry entry)
    {
        if (context.Items[EntriesKey] is not List<AuditEntry> list) context.Items[EntriesKey] = list = [];
        list.Add(entry);
    }

    /// <summary>Petitioners' personal data shown unmasked: which record, which petitioners (by id).</summary>
    public static void PersonalDataShown(HttpContext context, string target, string detail) =>
        Add(context, new AuditEntry(AuditActions.PersonalDataView, AuditOutcome.Success, target, detail));

    /// <summary>One petitioner's contact details revealed by someone outside the owning scope: which record, which petitioner, why.</summary>
    public static void ContactsRevealed(HttpContext context, string target, int petitionerId, string reason) =>
        Add(context, new AuditEntry(AuditActions.PersonalDataReveal, AuditOutcome.Success, target,
            "petitioner=" + petitionerId.ToString(CultureInfo.InvariantCulture) + "; reason=" + reason));

    /// <summary>The export this request answers contains petitioners' personal data (names or contact details).</summary>
    public static void ExportHasPersonalData(HttpContext context) => context.Items[PersonalDataKey] = true;

    /// <summary>A detail for the change an [Audited] handler records (e.g. a role before and after).</summary>
    public static void Detail(HttpContext context, string detail) => context.Items[DetailKey] = detail;

    /// <summary>
    /// What an [Audited] handler did when it is more than the page's action: a password reset, an unlocking or a
    /// two-factor reset on the account page is recorded as that, not as a general account change.
    /// </summary>
    public static void Action(HttpContext context, string action) => context.Items[ActionKey] = action;

    internal static IReadOnlyList<AuditEntry> Entries(HttpContext context) =>
        context.Items[EntriesKey] as List<AuditEntry> ?? [];

    internal static bool HasPersonalData(HttpContext context) => context.Items[PersonalDataKey] is true;

    internal static string? DetailOf(HttpContext context) => context.Items[DetailKey] as string;

    internal static string? ActionOf(HttpContext context) => context.Items[ActionKey] as string;
}
