namespace Reception.Core.Audit;

public enum AuditOutcome
{
    Success = 0,
    Failure = 1,

    /// <summary>Refused by access control (403, or 404 on a record outside the user's scope) or by sign-in throttling.</summary>
    Refused = 2,
}

/// <summary>
/// One entry of the security audit log (等保 2.0 安全审计): when, who (user, role, unit), from where, what, on which
/// record, with what outcome. Append-only: nothing in the app changes or deletes a record (the retention job moves
/// the oldest to an archive file first). <see cref="Hash"/> chains it to the record before it (<see cref="AuditChain"/>),
/// so a record changed, removed or inserted afterwards breaks the chain at that point.
/// </summary>
public sealed class AuditRecord
{
    public const int UserNameMaxLength = 256;
    public const int RoleMaxLength = 50;
    public const int UnitMaxLength = 400;
    public const int ClientMaxLength = 100;
    public const int ActionMaxLength = 60;
    public const int TargetMaxLength = 200;
    public const int DetailMaxLength = 1000;
    public const int HashLength = 64;

    private AuditRecord()
    {
        UserName = Action = PreviousHash = Hash = "";
    }

    /// <summary>
    /// A record in position <paramref name="id"/> after the record whose hash is <paramref name="previousHash"/>
    /// (<see cref="AuditChain.Genesis"/> for the first). Times are kept to the microsecond (what PostgreSQL stores).
    /// </summary>
    public AuditRecord(long id, DateTime atUtc, string? userId, string userName, string? role, string? unit, string? client,
        string action, string? target, string? detail, AuditOutcome outcome, string previousHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentOutOfRangeException.ThrowIfLessThan(id, 1);
        Id = id;
        AtUtc = AuditChain.Truncate(atUtc);
        UserId = Cut(userId, 450);
        UserName = Cut(userName, UserNameMaxLength) ?? "";
        Role = Cut(role, RoleMaxLength);
        Unit = Cut(unit, UnitMaxLength);
        Client = Cut(client, ClientMaxLength);
        Action = Cut(action, ActionMaxLength)!;
        Target = Cut(target, TargetMaxLength);
        Detail = Cut(detail, DetailMaxLength);
        Outcome = outcome;
        PreviousHash = previousHash;
        Hash = AuditChain.HashOf(this);
    }

    /// <summary>The position in the chain: 1, 2, 3, … without gaps (assigned under the append lock, never by a sequence).</summary>
    public long Id { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string? UserId { get; private set; }

    /// <summary>The account's user name, or what was typed into the sign-in form; "" for an anonymous visitor.</summary>
    public string UserName { get; private set; }
    public string? Role { get; private set; }

    /// <summary>The user's org unit path (/demo/qingshan/).</summary>
    public string? Unit { get; private set; }

    /// <summary>The client address (after a trusted proxy's X-Forwarded-For).</summary>
    public string? Client { get; private set; }

    /// <summary>What happened: a code of AuditActions ("sign-in", "export", …).</summary>
    public string Action { get; private set; }

    /// <summary>The record concerned ("case:demo-2026-000012", "user:clerk", "page:/Cases/Details/12").</summary>
    public string? Target { get; private set; }

    /// <summary>Further facts (rows exported, role before and after, …); never a petitioner's personal data.</summary>
    public string? Detail { get; private set; }
    public AuditOutcome Outcome { get; private set; }
    public string PreviousHash { get; private set; }
    public string Hash { get; private set; }

    private static string? Cut(string? value, int max) => value is null ? null : value.Length <= max ? value : value[..max];
}
