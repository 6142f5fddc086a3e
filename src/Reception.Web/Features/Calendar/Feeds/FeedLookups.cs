using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;
using Reception.Core.Feeds;

namespace Reception.Web.Features.Calendar.Feeds;

/// <summary>
/// A feed's content version: the sum of the stamps of the <see cref="FeedVersion"/> rows its events come from, and the
/// latest time one of them changed. Any change to any of them changes the sum (a stamp is a fresh random number), and
/// the time is the feed's Last-Modified, so the version answers "has this feed changed?" without reading its events.
/// </summary>
public readonly record struct FeedContentVersion(long Sum, DateTime ChangedAtUtc);

/// <summary>
/// What the feed endpoints read before any event, in one statement per request: who a token belongs to (or which org unit
/// a public feed is of) and the feed's content version. The rows of a version mirror the filters of <see cref="FeedQueries"/>:
/// <list type="bullet">
/// <item>personal: everything, the leader's duties and cases, the leader's visits (three rows by key, joined);</item>
/// <item>office: everything, each published month in the window of each active rule under the owner's org unit, and the
/// visits of each leader under it;</item>
/// <item>public: everything and the published versions of each published month in the window of the unit's own active rules.</item>
/// </list>
/// The window's day is part of the feed's key, not of these rows: the window moves at midnight in Beijing.
/// <para>Plain SQL (the same text on SQLite and PostgreSQL) on the context's connection, rather than LINQ: this runs on
/// every poll of every calendar client, and on SQLite opening a connection through EF (the provider registers its
/// functions, the app sets its pragmas) costs more than the statement itself, some 0.25 ms per request (README, "Serving a
/// personal feed"). It runs again inside the snapshot a body is rendered from (on EF's open connection and transaction
/// then), so there is one definition of each feed's version.</para>
/// </summary>
public static class FeedLookups
{
    public static async Task<TokenFeedRow?> TokenAsync(AppDbContext db, string tokenHash, FeedKind kind, DateOnly today, CancellationToken ct = default)
    {
        var (first, last) = (FeedQueries.FirstMonth(today), FeedQueries.Window(today).To);
        var sql = kind == FeedKind.Personal
            ? """
                SELECT t."Id" AS "TokenId", t."LastUsedAtUtc", t."ContentHash", t."ContentChangedAtUtc",
                       u."LeaderId", u."DisplayName", u."PreferredCulture", o."Path", o."Name" AS "OrgName",
                       EXISTS (SELECT 1 FROM "AspNetUserRoles" ur JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
                               WHERE ur."UserId" = u."Id" AND r."Name" = @leader) AS "IsLeader",
                       EXISTS (SELECT 1 FROM "AspNetUserRoles" ur JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
                               WHERE ur."UserId" = u."Id" AND (r."Name" = @clerk OR r."Name" = @supervisor)) AS "IsOffice",
                       ev."Stamp", ev."ChangedAtUtc", lv."Stamp", lv."ChangedAtUtc", vv."Stamp", vv."ChangedAtUtc"
                FROM "FeedTokens" t
                JOIN "AspNetUsers" u ON u."Id" = t."UserId"
                JOIN "OrgUnits" o ON o."Id" = u."OrgUnitId"
                LEFT JOIN "FeedVersions" ev ON ev."Scope" = 0 AND ev."TargetId" = 0
                LEFT JOIN "FeedVersions" lv ON lv."Scope" = 1 AND lv."TargetId" = u."LeaderId"
                LEFT JOIN "FeedVersions" vv ON vv."Scope" = 2 AND vv."TargetId" = u."LeaderId"
                WHERE t."TokenHash" = @hash AND t."Kind" = @kind AND t."RevokedAtUtc" IS NULL AND u."IsActive"
                """
            : """
                SELECT t."Id" AS "TokenId", t."LastUsedAtUtc", t."ContentHash", t."ContentChangedAtUtc",
                       u."LeaderId", u."DisplayName", u."PreferredCulture", o."Path", o."Name" AS "OrgName",
                       EXISTS (SELECT 1 FROM "AspNetUserRoles" ur JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
                               WHERE ur."UserId" = u."Id" AND r."Name" = @leader) AS "IsLeader",
                       EXISTS (SELECT 1 FROM "AspNetUserRoles" ur JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
                               WHERE ur."UserId" = u."Id" AND (r."Name" = @clerk OR r."Name" = @supervisor)) AS "IsOffice",
                       (SELECT SUM(v."Stamp") FROM "FeedVersions" v WHERE v."Scope" = 0 AND v."TargetId" = 0) AS "EverythingStamp",
                       (SELECT MAX(v."ChangedAtUtc") FROM "FeedVersions" v WHERE v."Scope" = 0 AND v."TargetId" = 0) AS "EverythingChangedAtUtc",
                       (SELECT SUM(v."Stamp") FROM "RotaMonths" m
                        JOIN "DutyRules" r ON r."Id" = m."DutyRuleId" JOIN "OrgUnits" ro ON ro."Id" = r."OrgUnitId"
                        JOIN "FeedVersions" v ON v."Scope" = 3 AND v."TargetId" = m."Id"
                        WHERE ro."Path" LIKE o."Path" || '%' AND r."IsActive" AND m."PublishedNumber" > 0
                              AND m."Month" >= @first AND m."Month" <= @last) AS "PartStamp",
                       (SELECT MAX(v."ChangedAtUtc") FROM "RotaMonths" m
                        JOIN "DutyRules" r ON r."Id" = m."DutyRuleId" JOIN "OrgUnits" ro ON ro."Id" = r."OrgUnitId"
                        JOIN "FeedVersions" v ON v."Scope" = 3 AND v."TargetId" = m."Id"
                        WHERE ro."Path" LIKE o."Path" || '%' AND r."IsActive" AND m."PublishedNumber" > 0
                              AND m."Month" >= @first AND m."Month" <= @last) AS "PartChangedAtUtc",
                       (SELECT SUM(v."Stamp") FROM "Leaders" l JOIN "OrgUnits" lo ON lo."Id" = l."OrgUnitId"
                        JOIN "FeedVersions" v ON v."Scope" = 2 AND v."TargetId" = l."Id"
                        WHERE lo."Path" LIKE o."Path" || '%') AS "OtherPartStamp",
                       (SELECT MAX(v."ChangedAtUtc") FROM "Leaders" l JOIN "OrgUnits" lo ON lo."Id" = l."OrgUnitId"
                        JOIN "FeedVersions" v ON v."Scope" = 2 AND v."TargetId" = l."Id"
                        WHERE lo."Path" LIKE o."Path" || '%') AS "OtherPartChangedAtUtc"
                FROM "FeedTokens" t
                JOIN "AspNetUsers" u ON u."Id" = t."UserId"
                JOIN "OrgUnits" o ON o."Id" = u."OrgUnitId"
                WHERE t."TokenHash" = @hash AND t."Kind" = @kind AND t."RevokedAtUtc" IS NULL AND u."IsActive"
                """;
        (string, object)[] parameters = [("@hash", tokenHash), ("@kind", (int)kind), ("@leader", Roles.Leader), ("@clerk", Roles.Clerk), ("@supervisor", Roles.Supervisor)];
        if (kind == FeedKind.Office) parameters = [.. parameters, ("@first", first), ("@last", last)];
        return await QueryAsync(db, sql, parameters, r => new TokenFeedRow
        {
            TokenId = r.GetInt32(0),
            LastUsedAtUtc = Instant(r, 1),
            ContentHash = r.IsDBNull(2) ? null : r.GetString(2),
            ContentChangedAtUtc = Instant(r, 3),
            LeaderId = r.IsDBNull(4) ? null : r.GetInt32(4),
            DisplayName = r.GetString(5),
            PreferredCulture = r.IsDBNull(6) ? null : r.GetString(6),
            Path = r.GetString(7),
            OrgName = r.GetString(8),
            IsLeader = r.GetBoolean(9),
            IsOffice = r.GetBoolean(10),
            Version = Version(r, 11),
        }, ct);
    }

    public static Task<PublicFeedRow?> PublicAsync(AppDbContext db, string orgCode, DateOnly today, CancellationToken ct = default) =>
        PublishedAsync(db, orgCode, FeedQueries.FirstMonth(today), FeedQueries.Window(today).To, ct);

    /// <summary>
    /// The public rota page's version (/rota/{org}): the same rows as the public feed's, for every published month from
    /// <paramref name="first"/> on (the page has no end to its window).
    /// </summary>
    public static Task<PublicFeedRow?> PublicRotaAsync(AppDbContext db, string orgCode, DateOnly first, CancellationToken ct = default) =>
        PublishedAsync(db, orgCode, first, DateOnly.MaxValue, ct);

    private static async Task<PublicFeedRow?> PublishedAsync(AppDbContext db, string orgCode, DateOnly first, DateOnly last, CancellationToken ct)
    {
        var code = Reception.Core.Organisation.OrgUnit.NormalizeCode(orgCode);
        const string Sql = """
            SELECT o."Id", o."Code", o."Name",
                   (SELECT SUM(v."Stamp") FROM "FeedVersions" v WHERE v."Scope" = 0 AND v."TargetId" = 0) AS "EverythingStamp",
                   (SELECT MAX(v."ChangedAtUtc") FROM "FeedVersions" v WHERE v."Scope" = 0 AND v."TargetId" = 0) AS "EverythingChangedAtUtc",
                   (SELECT SUM(v."Stamp") FROM "RotaMonths" m JOIN "DutyRules" r ON r."Id" = m."DutyRuleId"
                    JOIN "FeedVersions" v ON v."Scope" = 4 AND v."TargetId" = m."Id"
                    WHERE r."OrgUnitId" = o."Id" AND r."IsActive" AND m."PublishedNumber" > 0
                          AND m."Month" >= @first AND m."Month" <= @last) AS "PartStamp",
                   (SELECT MAX(v."ChangedAtUtc") FROM "RotaMonths" m JOIN "DutyRules" r ON r."Id" = m."DutyRuleId"
                    JOIN "FeedVersions" v ON v."Scope" = 4 AND v."TargetId" = m."Id"
                    WHERE r."OrgUnitId" = o."Id" AND r."IsActive" AND m."PublishedNumber" > 0
                          AND m."Month" >= @first AND m."Month" <= @last) AS "PartChangedAtUtc"
            FROM "OrgUnits" o
            WHERE o."Code" = @code AND o."IsActive"
            """;
        return await QueryAsync(db, Sql, [("@code", code), ("@first", first), ("@last", last)],
            r => new PublicFeedRow(r.GetInt32(0), r.GetString(1), r.GetString(2), Version(r, 3)), ct);
    }

    /// <summary>
    /// Runs a one-row statement on the context's connection: opened and closed around it when closed (the cheap way, past
    /// EF), or as it is, in its transaction, when EF has it open (the render snapshot).
    /// </summary>
    private static async Task<T?> QueryAsync<T>(AppDbContext db, string sql, (string Name, object Value)[] parameters, Func<DbDataReader, T> read,
        CancellationToken ct) where T : class
    {
        var connection = db.Database.GetDbConnection();
        var open = connection.State == ConnectionState.Open;
        if (!open) await connection.OpenAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
            // PostgreSQL: prepared once per pooled connection (Npgsql keeps it across uses), so a poll is not planned again.
            if (!db.Database.IsSqlite()) await command.PrepareAsync(ct);
            await using var reader = await command.ExecuteReaderAsync(ct);
            // A token hash and an org code are unique: one row or none.
            return await reader.ReadAsync(ct) ? read(reader) : null;
        }
        finally
        {
            if (!open) await connection.CloseAsync();
        }
    }

    /// <summary>The version from the columns at <paramref name="at"/>: up to three (stamp sum, latest change) pairs.</summary>
    private static FeedContentVersion Version(DbDataReader r, int at)
    {
        long sum = 0;
        var changed = DateTime.UnixEpoch;
        for (var i = at; i + 1 < r.FieldCount; i += 2)
        {
            // A stamp column is an integer, a SUM of stamps a bigint on PostgreSQL.
            if (!r.IsDBNull(i)) sum += Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            if (Instant(r, i + 1) is { } value && value > changed) changed = value;
        }
        return new FeedContentVersion(sum, changed);
    }

    // SQLite hands back an unspecified kind; every stored instant is UTC.
    private static DateTime? Instant(DbDataReader r, int i) => r.IsDBNull(i) ? null : DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc);
}

/// <summary>A live token, its owner and the owner's feed version (<see cref="FeedLookups.TokenAsync"/>).</summary>
public sealed class TokenFeedRow
{
    public int TokenId { get; init; }
    public DateTime? LastUsedAtUtc { get; init; }
    public string? ContentHash { get; init; }
    public DateTime? ContentChangedAtUtc { get; init; }
    public int? LeaderId { get; init; }
    public string DisplayName { get; init; } = "";
    public string? PreferredCulture { get; init; }
    public string Path { get; init; } = "";
    public string OrgName { get; init; } = "";
    public bool IsLeader { get; init; }
    public bool IsOffice { get; init; }
    public FeedContentVersion Version { get; init; }
}

/// <summary>An active org unit and its public feed's version (<see cref="FeedLookups.PublicAsync"/>).</summary>
public sealed record PublicFeedRow(int Id, string Code, string Name, FeedContentVersion Version);
