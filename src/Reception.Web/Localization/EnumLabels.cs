using Microsoft.AspNetCore.Mvc.Rendering;

namespace Reception.Web.Localization;

/// <summary>
/// Enum values are shown through resource keys "{EnumType}.{Value}" (e.g. "OrgUnitKind.Township" → 乡镇),
/// also when they appear as arguments of a domain message.
/// </summary>
public static class EnumLabels
{
    public static string Label<TEnum>(this IStringLocalizer l, TEnum value) where TEnum : struct, Enum =>
        l[$"{typeof(TEnum).Name}.{value}"];

    public static IEnumerable<SelectListItem> Options<TEnum>(this IStringLocalizer l, TEnum? selected = null) where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(v => new SelectListItem(l.Label(v), v.ToString(), selected.HasValue && selected.Value.Equals(v)));

    /// <summary>Translates a domain message, rendering enum arguments through their labels.</summary>
    public static string Text(this IStringLocalizer l, LocalizableMessage message)
    {
        var args = message.Args.Select(a => a switch
        {
            DayOfWeek d => (object)l[$"Weekday.{d}"].Value,
            Enum e => l[$"{e.GetType().Name}.{e}"].Value,
            _ => a,
        }).ToArray();
        return args.Length == 0 ? l[message.Key] : l[message.Key, args];
    }
}
