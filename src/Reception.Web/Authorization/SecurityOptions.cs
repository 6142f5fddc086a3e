namespace Reception.Web.Authorization;

/// <summary>The "Reception:Security" section: sessions, passwords and two-factor sign-in (README "Security").</summary>
public sealed class SecurityOptions
{
    public const string Section = "Reception:Security";

    /// <summary>A session unused this long ends (Reception__Security__IdleTimeout).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in, however busy (Reception__Security__AbsoluteLifetime).</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Days after which a password must be changed; null or 0: passwords do not expire.</summary>
    public int? PasswordMaxAgeDays { get; set; }

    /// <summary>
    /// Roles that must sign in with an authenticator app, comma-separated ("Admin,Auditor"). Unset: Admin, SecurityAdmin
    /// and Auditor in Production, none in Development (the demo); "" (or "none"): none.
    /// </summary>
    public string? RequireTwoFactor { get; set; }

    public IReadOnlySet<string> TwoFactorRoles(bool isDevelopment)
    {
        var value = RequireTwoFactor ?? (isDevelopment ? "" : string.Join(',', Roles.Admin, Roles.SecurityAdmin, Roles.Auditor));
        return value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(r => Roles.All.Contains(r, StringComparer.OrdinalIgnoreCase))
            .Select(r => Roles.All.First(a => string.Equals(a, r, StringComparison.OrdinalIgnoreCase)))
            .ToHashSet(StringComparer.Ordinal);
    }
}
