using System.Globalization;
using Reception.Core.Common;

namespace Reception.Core.Calendar;

/// <summary>
/// A calendar result together with the years it depended on whose arrangement is unknown. When
/// <see cref="IsCertain"/> is false the value assumed Monday–Friday working days in those years, and the
/// caller must show <see cref="Warning"/>.
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
    public LocalizableMessage? Warning => UnknownYears.Count switch
    {
        0 => null,
        1 => new LocalizableMessage(CalendarMessages.UnknownYear, UnknownYears[0]),
        _ => new LocalizableMessage(
            CalendarMessages.UnknownYears,
            string.Join(", ", UnknownYears.Select(y => y.ToString(CultureInfo.InvariantCulture)))),
    };
}
