using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Feeds;
using Reception.Core.Time;
using Reception.Web.Data;
using Reception.Web.Features.Calendar.Feeds;
using Reception.Web.Infrastructure;

namespace Reception.Benchmarks;

/// <summary>
/// Issue 13 "measure and choose": what answering "has this feed changed?" costs with the stored content versions the app
/// uses (<see cref="FeedLookups"/>: the token and a few version rows by key, one statement) and with the alternative, a
/// fingerprint of the feed's own rows (count, latest change and a sum of sequences and of the versions of the leaders,
/// rules and venues they show, per table, in one batch). Both run on the raw connection, as the endpoint does, over the
/// SQLite database serve-bench.sh seeds (a leader with ~500 events; the demo clerk's office feed).
/// <code>dotnet run -c Release --project tests/Reception.Benchmarks -- feed-versions DATA_DIR PERSONAL_TOKEN [OFFICE_TOKEN]</code>
/// </summary>
public static class FeedVersionCost
{
    private const int Iterations = 3000;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: feed-versions DATA_DIR PERSONAL_TOKEN [OFFICE_TOKEN]");
            return 2;
        }
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, DatabaseSetup.SqliteConnectionString(args[0]));
        // The running app counts its window from today in Beijing; so does this.
        var today = ChinaTime.Today(TimeProvider.System);
        var (first, last) = (FeedQueries.FirstMonth(today), FeedQueries.Window(today).To);
        var (from, to) = FeedQueries.Window(today);

        Console.WriteLine($"{Iterations} requests each after 300 warm-up, a fresh DbContext each; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        var personal = FeedToken.TryHash(args[1]) ?? throw new ArgumentException("Not a token.", nameof(args));
        await MeasureAsync(options.Options, "personal: stored versions", async db => await FeedLookups.TokenAsync(db, personal, FeedKind.Personal, today));
        await MeasureAsync(options.Options, "personal: fingerprint", db => FingerprintAsync(db, PersonalFingerprint, personal, from, to, first, last));
        if (args.Length > 2 && FeedToken.TryHash(args[2]) is { } office)
        {
            await MeasureAsync(options.Options, "office: stored versions", async db => await FeedLookups.TokenAsync(db, office, FeedKind.Office, today));
            await MeasureAsync(options.Options, "office: fingerprint", db => FingerprintAsync(db, OfficeFingerprint, office, from, to, first, last));
        }
        return 0;
    }

    private static async Task MeasureAsync(DbContextOptions<AppDbContext> options, string name, Func<AppDbContext, Task<object?>> work)
    {
        object? result = null;
        for (var i = 0; i < 300; i++)
        {
            await using var db = new AppDbContext(options);
            result = await work(db);
        }
        if (result is null) throw new InvalidOperationException($"{name}: the token opened nothing.");
        var times = new double[Iterations];
        for (var i = 0; i < Iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using (var db = new AppDbContext(options)) await work(db);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }
        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-28} median {times[Iterations / 2],7:F0} µs   p95 {times[Iterations * 95 / 100],7:F0} µs"));
    }

    private static async Task<object?> FingerprintAsync(AppDbContext db, string sql, string hash, DateOnly from, DateOnly to, DateOnly first, DateOnly last)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in new (string, object)[] { ("@hash", hash), ("@from", from), ("@to", to), ("@first", first), ("@last", last) })
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                p.Value = value;
                command.Parameters.Add(p);
            }
            await using var reader = await command.ExecuteReaderAsync();
            var values = new List<object>();
            do
            {
                while (await reader.ReadAsync()) values.AddRange(Row(reader));
            } while (await reader.NextResultAsync());
            return values.Count > 0 ? values : null;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    private static IEnumerable<object> Row(DbDataReader reader)
    {
        for (var i = 0; i < reader.FieldCount; i++) yield return reader.GetValue(i);
    }

    // The token's owner, then per table of the personal feed: how many rows, their latest change, and a sum that moves
    // when one of them or a leader, rule or venue they show changes (the stored versions cover names through "everything").
    private const string Owner = """
        SELECT u."LeaderId", o."Path" FROM "FeedTokens" t JOIN "AspNetUsers" u ON u."Id" = t."UserId" JOIN "OrgUnits" o ON o."Id" = u."OrgUnitId"
        WHERE t."TokenHash" = @hash AND t."RevokedAtUtc" IS NULL;
        """;

    private static readonly string OpenStates = string.Join(", ", Enum.GetValues<Reception.Core.Cases.CaseState>()
        .Where(Reception.Core.Cases.PetitionCase.IsOpenState).Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)));

    private static readonly string PersonalFingerprint = Owner + $$"""
        SELECT COUNT(*), MAX(a."UpdatedAtUtc"), SUM(a."Sequence" + r."Version" + ve."Version" + l."Version")
        FROM "FeedTokens" t JOIN "AspNetUsers" u ON u."Id" = t."UserId"
        JOIN "DutyAssignments" a ON a."LeaderId" = u."LeaderId" JOIN "RotaMonths" m ON m."Id" = a."RotaMonthId"
        JOIN "DutyRules" r ON r."Id" = m."DutyRuleId" JOIN "Venues" ve ON ve."Id" = r."VenueId" JOIN "Leaders" l ON l."Id" = a."LeaderId"
        WHERE t."TokenHash" = @hash AND a."Date" >= @from AND a."Date" <= @to AND m."PublishedNumber" > 0 AND r."IsActive";
        SELECT COUNT(*), MAX(v."UpdatedAtUtc"), SUM(v."Sequence" + d."Version")
        FROM "FeedTokens" t JOIN "AspNetUsers" u ON u."Id" = t."UserId"
        JOIN "Visits" v ON v."LeaderId" = u."LeaderId" JOIN "OrgUnits" d ON d."Id" = v."DestinationId"
        WHERE t."TokenHash" = @hash AND v."Date" >= @from AND v."Date" <= @to;
        SELECT COUNT(*), SUM(c."Version"), MAX((SELECT MAX(e."AtUtc") FROM "CaseEvents" e WHERE e."PetitionCaseId" = c."Id" AND e."Kind" <> {{(int)Reception.Core.Cases.CaseEventKind.ColourChanged}}))
        FROM "FeedTokens" t JOIN "AspNetUsers" u ON u."Id" = t."UserId"
        JOIN "Cases" c ON c."OwnerLeaderId" = u."LeaderId"
        WHERE t."TokenHash" = @hash AND c."State" IN ({{OpenStates}}) AND c."DueOn" >= @from AND c."DueOn" <= @to;
        """;

    private static readonly string OfficeFingerprint = Owner + """
        SELECT COUNT(*), MAX(a."UpdatedAtUtc"), SUM(a."Sequence" + r."Version" + ve."Version" + l."Version")
        FROM "FeedTokens" t JOIN "AspNetUsers" u ON u."Id" = t."UserId" JOIN "OrgUnits" uo ON uo."Id" = u."OrgUnitId"
        JOIN "OrgUnits" ro ON ro."Path" LIKE uo."Path" || '%' JOIN "DutyRules" r ON r."OrgUnitId" = ro."Id"
        JOIN "RotaMonths" m ON m."DutyRuleId" = r."Id" JOIN "DutyAssignments" a ON a."RotaMonthId" = m."Id"
        JOIN "Venues" ve ON ve."Id" = r."VenueId" JOIN "Leaders" l ON l."Id" = a."LeaderId"
        WHERE t."TokenHash" = @hash AND r."IsActive" AND m."PublishedNumber" > 0 AND m."Month" >= @first AND m."Month" <= @last
              AND a."Date" >= @from AND a."Date" <= @to;
        SELECT COUNT(*), MAX(v."UpdatedAtUtc"), SUM(v."Sequence" + d."Version" + l."Version")
        FROM "FeedTokens" t JOIN "AspNetUsers" u ON u."Id" = t."UserId" JOIN "OrgUnits" uo ON uo."Id" = u."OrgUnitId"
        JOIN "OrgUnits" lo ON lo."Path" LIKE uo."Path" || '%' JOIN "Leaders" l ON l."OrgUnitId" = lo."Id"
        JOIN "Visits" v ON v."LeaderId" = l."Id" JOIN "OrgUnits" d ON d."Id" = v."DestinationId"
        WHERE t."TokenHash" = @hash AND v."Date" >= @from AND v."Date" <= @to;
        """;
}
