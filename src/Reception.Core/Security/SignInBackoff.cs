namespace Reception.Core.Security;

/// <summary>
/// How long sign-in waits after failures (ASVS V2.2.1: throttling without a lock a stranger can trigger). Each counter
/// — one per client address, one per account name from that address, one per account name from anywhere — allows a
/// number of free failures, then delays the next attempt by a doubling interval (15 s, 30 s, 1 min, …) that never
/// exceeds 15 minutes. A counter forgets failures older than <see cref="Window"/>.
/// </summary>
public static class SignInBackoff
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    /// <summary>A counter whose last failure is older than this starts again from zero.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>Failures of one account name from one address before delays start (the owner mistyping).</summary>
    public const int FreeFailuresPerAccountAndAddress = 5;

    /// <summary>Failures of one account name from all addresses together (a distributed guess): a stranger alone stays far below.</summary>
    public const int FreeFailuresPerAccount = 20;

    /// <summary>Failures from one address over any names (one machine guessing many accounts).</summary>
    public const int FreeFailuresPerAddress = 20;

    /// <summary>The wait after the <paramref name="failures"/>-th consecutive failure (zero while failures are free).</summary>
    public static TimeSpan DelayAfter(int failures, int freeFailures)
    {
        if (failures < freeFailures) return TimeSpan.Zero;
        var doublings = Math.Min(failures - freeFailures, 16);
        var delay = FirstDelay * Math.Pow(2, doublings);
        return delay > MaxDelay ? MaxDelay : delay;
    }
}
