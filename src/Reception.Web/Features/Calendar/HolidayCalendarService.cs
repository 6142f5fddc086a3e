using Reception.Core.Calendar;

namespace Reception.Web.Features.Calendar;

/// <summary>
/// The working-day calendar as stored in the database, cached in memory. Edits on this instance
/// invalidate it at once; other instances of a cluster pick changes up within <see cref="MaxAge"/>.
/// </summary>
public sealed class HolidayCalendarService(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim gate = new(1, 1);
    private WorkingDayCalendar? cached;
    private long loadedAt;

    public async Task<WorkingDayCalendar> GetAsync(CancellationToken ct = default)
    {
        var current = Volatile.Read(ref cached);
        if (current is not null && clock.GetElapsedTime(loadedAt) < MaxAge) return current;
        await gate.WaitAsync(ct);
        try
        {
            if (cached is not null && clock.GetElapsedTime(loadedAt) < MaxAge) return cached;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var entries = await db.HolidayEntries.AsNoTracking().ToListAsync(ct);
            var years = await db.CalendarYears.AsNoTracking().Select(y => y.Year).ToListAsync(ct);
            cached = new WorkingDayCalendar(entries, years);
            loadedAt = clock.GetTimestamp();
            return cached;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Invalidate() => Volatile.Write(ref cached, null);

    public void Dispose() => gate.Dispose();
}
