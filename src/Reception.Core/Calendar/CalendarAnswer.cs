using System.Globalization;
using Reception.Core.Common;

namespace Reception.Core.Calendar;

/// <summary>
/// A calendar result together with the years it depended on whose arrangement is unknown. When
/// <see cref="IsCertain"/> is false the value took those years' statutory days as provisional days off and assumed
/// Monday–Friday working days otherwise (the 调休 swaps are not known yet), and the caller must show
/// <see cref="Warning"/>.
/// </summary>
public readonly record struct CalendarAnswer<T>(T Value, IReadOnlyList<int> UnknownYears)
{
    private readonly IReadOnlyList<int>? _unknownYears = UnknownYears;

    /// <summary>Unknown years the answer depended on, ascending; never null (also for <c>default</c>).</summary>
    public IReadOnlyList<int> UnknownYears
    {
        get => _unknownYears ?? Array.Empty<int>();
        init => _unknownYears = value;
    }

    public bool IsCertain => UnknownYears.Count == 0;

    /// <summary>The warning to show when the answer is not certain; null when it is.</summary>
    public LocalizableMessage? Warning => UnknownYearsWarning.For(UnknownYears);
}

/// <summary>The warning for anything that depended on years whose arrangement is not loaded.</summary>
public static class UnknownYearsWarning
{
    /// <summary>
    /// The warning for <paramref name="unknownYears"/> (ascending); null when there are none. Years whose statutory days
    /// are computed (<see cref="StatutoryHolidays.Covers"/>) get the provisional wording (调休 not yet known); otherwise
    /// the plain Monday–Friday one.
    /// </summary>
    public static LocalizableMessage? For(IReadOnlyList<int> unknownYears)
    {
        ArgumentNullException.ThrowIfNull(unknownYears);
        if (unknownYears.Count == 0)
        {
            return null;
        }

        var provisional = unknownYears.All(StatutoryHolidays.Covers);
        return unknownYears.Count switch
        {
            0 => null,
            1 => new LocalizableMessage(provisional ? CalendarMessages.UnknownYear : CalendarMessages.UnknownYearWeekdaysOnly, unknownYears[0]),
            _ => new LocalizableMessage(
                provisional ? CalendarMessages.UnknownYears : CalendarMessages.UnknownYearsWeekdaysOnly,
                string.Join(", ", unknownYears.Select(y => y.ToString(CultureInfo.InvariantCulture)))),
        };
    }
}
