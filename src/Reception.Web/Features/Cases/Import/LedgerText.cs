using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Cases.Import;

namespace Reception.Web.Features.Cases.Import;

/// <summary>The ledger import's messages in the reader's language (a message may hold another, e.g. why an ID number is wrong).</summary>
public static class LedgerText
{
    public static string Of(IStringLocalizer l, LocalizableMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var args = message.Args.Select(a => a is LocalizableMessage inner ? Of(l, inner) : a).ToArray();
        return l.Text(new LocalizableMessage(message.Key, args));
    }

    /// <summary>The choices of a column's select: every field, "not imported" first.</summary>
    public static IEnumerable<SelectListItem> FieldOptions(IStringLocalizer l, LedgerField selected) =>
        Enum.GetValues<LedgerField>().Select(f => new SelectListItem(l.Label(f), f.ToString(), f == selected));
}
