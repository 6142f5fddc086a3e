using Reception.Core.Security;

namespace Reception.Web.Authorization;

/// <summary>
/// Sign-in failure counters in the database (shared by every instance): one per client address, one per account name
/// from that address, one per account name from anywhere (<see cref="SignInBackoff"/>). The owner signing in from their
/// own machine is delayed only by their own failures until a stranger's reach the much higher per-account limit, and no
/// delay exceeds 15 minutes. Counted by the name typed, whether or not the account exists.
/// </summary>
public sealed class SignInThrottling(AppDbContext db, TimeProvider clock)
{
    public static string Normalize(string userName) => userName.Trim().ToUpperInvariant();

    /// <summary>Until when sign-in is refused for this name from this address; null when it may be tried now.</summary>
    public async Task<DateTime?> BlockedUntilAsync(string userName, string? address, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var keys = Keys(userName, address);
        var until = await db.SignInThrottles.AsNoTracking()
            .Where(t => keys.Contains(t.Key) && t.BlockedUntilUtc > now)
            .MaxAsync(t => t.BlockedUntilUtc, ct);
        return until;
    }

    /// <summary>Counts a failure on each counter and starts the delay its count calls for.</summary>
    public async Task RecordFailureAsync(string userName, string? address, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (addressKey, pairKey, accountKey) = KeysOf(userName, address);
        var keys = new[] { addressKey, pairKey, accountKey };
        var rows = await db.SignInThrottles.Where(t => keys.Contains(t.Key)).ToDictionaryAsync(t => t.Key, ct);
        Count(addressKey, SignInBackoff.FreeFailuresPerAddress);
        Count(pairKey, SignInBackoff.FreeFailuresPerAccountAndAddress);
        Count(accountKey, SignInBackoff.FreeFailuresPerAccount);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request counted the same first failure at the same moment: one count lost, nothing more.
            db.ChangeTracker.Clear();
        }

        void Count(string key, int free)
        {
            if (!rows.TryGetValue(key, out var row))
            {
                row = new SignInThrottle { Key = key };
                db.SignInThrottles.Add(row);
            }
            if (now - row.LastFailureUtc > SignInBackoff.Window) row.Failures = 0;
            row.Failures++;
            row.LastFailureUtc = now;
            var delay = SignInBackoff.DelayAfter(row.Failures, free);
            row.BlockedUntilUtc = delay > TimeSpan.Zero ? now + delay : null;
        }
    }

    /// <summary>A successful sign-in clears the account's counters (the address keeps its own).</summary>
    public Task RecordSuccessAsync(string userName, string? address, CancellationToken ct = default)
    {
        var (_, pairKey, accountKey) = KeysOf(userName, address);
        return db.SignInThrottles.Where(t => t.Key == pairKey || t.Key == accountKey).ExecuteDeleteAsync(ct);
    }

    /// <summary>Lifts every delay on an account, from every address (an administrator's unlock).</summary>
    public Task<int> UnlockAsync(string userName, CancellationToken ct = default)
    {
        var name = Normalize(userName);
        var accountKey = "u:" + name;
        var pairPrefix = "p:" + name + "|";
        return db.SignInThrottles.Where(t => t.Key == accountKey || t.Key.StartsWith(pairPrefix)).ExecuteDeleteAsync(ct);
    }

    /// <summary>Normalized names of the accounts that are delayed now, from some address or from all (few rows: only current delays).</summary>
    public async Task<HashSet<string>> LockedAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var keys = await db.SignInThrottles.AsNoTracking()
            .Where(t => t.BlockedUntilUtc > now && (t.Key.StartsWith("u:") || t.Key.StartsWith("p:")))
            .Select(t => t.Key).ToListAsync(ct);
        return keys.Select(k => k.StartsWith("p:", StringComparison.Ordinal) ? k[2..k.LastIndexOf('|')] : k[2..]).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<bool> IsLockedAsync(string userName, CancellationToken ct = default) =>
        (await LockedAsync(ct)).Contains(Normalize(userName));

    private static string[] Keys(string userName, string? address)
    {
        var (a, p, u) = KeysOf(userName, address);
        return [a, p, u];
    }

    private static (string Address, string Pair, string Account) KeysOf(string userName, string? address)
    {
        var name = Normalize(userName);
        if (name.Length > 256) name = name[..256];
        var from = string.IsNullOrEmpty(address) ? "-" : address;
        return ("a:" + from, "p:" + name + "|" + from, "u:" + name);
    }
}
