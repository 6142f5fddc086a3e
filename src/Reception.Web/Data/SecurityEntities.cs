namespace Reception.Web.Data;

/// <summary>
/// A signed-in session kept on the server (the sign-in cookie holds only its key; <see cref="Authorization.Sessions.DatabaseTicketStore"/>).
/// Deleting the row ends the session at once, on every instance: sign-out, a disabled account, a changed role.
/// </summary>
public sealed class UserSession
{
    public const int KeyLength = 64;

    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public DateTime CreatedUtc { get; set; }

    /// <summary>When a request last used the session (written at most once a minute): the idle timeout counts from it.</summary>
    public DateTime LastSeenUtc { get; set; }

    /// <summary>The serialized authentication ticket (claims and properties; no password).</summary>
    public byte[] Ticket { get; set; } = [];
}

/// <summary>
/// A sign-in failure counter (<see cref="Reception.Core.Security.SignInBackoff"/>): per client address ("a:…"), per
/// account name from one address ("p:NAME|address") and per account name ("u:NAME"). Names are counted whether or not
/// such an account exists, so the answer never tells which names exist.
/// </summary>
public sealed class SignInThrottle
{
    public const int KeyMaxLength = 400;

    public string Key { get; set; } = "";
    public int Failures { get; set; }
    public DateTime LastFailureUtc { get; set; }
    public DateTime? BlockedUntilUtc { get; set; }
}

/// <summary>An earlier password of an account (its hash), so that none of the last five is chosen again.</summary>
public sealed class PasswordHistoryEntry
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public DateTime ChangedUtc { get; set; }
}
