namespace Reception.Web.Infrastructure;

/// <summary>The "Reception" configuration section (environment variables use "Reception__…").</summary>
public sealed class ReceptionOptions
{
    public const string Section = "Reception";

    /// <summary>Where the SQLite database, mail folder and backups live. Relative paths are resolved against the content root.</summary>
    public string? DataDirectory { get; set; }

    public DatabaseOptions Database { get; set; } = new();

    /// <summary>Seed the fictional 演示市 on an empty database. Defaults to true in Development, false otherwise.</summary>
    public bool? SeedDemoData { get; set; }

    public AdminOptions Admin { get; set; } = new();

    public SecurityOptions Security { get; set; } = new();

    /// <summary>
    /// The address people reach the app at (env Reception__PublicBaseUrl), for absolute links in emails and chat messages.
    /// Unset: in Development the address the app listens on, else http://localhost:5080 (<see cref="PublicAddress"/>).
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}

public sealed class DatabaseOptions
{
    /// <summary>"Sqlite" (default) or "Postgres" (then ConnectionStrings:Reception is required).</summary>
    public string Provider { get; set; } = "Sqlite";
}

public sealed class AdminOptions
{
    public string UserName { get; set; } = "admin";

    /// <summary>Password of the first administrator created in an empty production database.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// Password of the first security administrator (account "security": users, roles, scopes), created with the first
    /// administrator when given. 三员分立: the administrator cannot manage accounts, so a production start needs it.
    /// </summary>
    public string? SecurityAdminPassword { get; set; }

    /// <summary>Password of the first auditor (account "auditor": reads the audit log), created with the first administrator when given.</summary>
    public string? AuditorPassword { get; set; }

    /// <summary>Code and name of the top org unit created with the first administrator (the code cannot change later: it appears in case numbers).</summary>
    public string OrgCode { get; set; } = "root";
    public string OrgName { get; set; } = "本级";
}
