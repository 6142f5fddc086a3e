using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Web.Data;
using Reception.Web.Data.PersonalData;
using Reception.Web.Features.Cases;
using Reception.Web.Infrastructure;
using Reception.Web.Jobs;
using Reception.Web.Mail;
using Reception.Web.Tests.Jobs;

namespace Reception.Web.Tests.Data.PersonalData;

/// <summary>
/// Petitioners' ID numbers, phones and addresses at rest (issue 16, item 13): never in clear in the database file, its
/// write-ahead log or its backups; found again by blind index; unreadable (and the start refused) with another key;
/// clear rows of before encrypted at start, once; the files readable by the service account only.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are checked on Unix, where the app runs
public sealed class PersonalDataAtRestTests
{
    private const string OtherKey = "b3RoZXIta2V5LWZvci10aGUtd3Jvbmcta2V5LXRlc3Q=";

    [Fact]
    public async Task TheSqliteFile_ItsWal_AndABackup_HoldNoDemoPetitionerDataInClear()
    {
        await using var app = ReceptionFactory.Build().At(2026, 11, 22).Create();
        var values = await ClearValuesAsync(app);
        Assert.True(values.Count > 50, $"the demo should have petitioners' data to look for, not {values.Count} values");
        var backup = await app.WithBackupsAsync(b => b.CreateAsync(CancellationToken.None));

        var database = Path.Combine(app.DataDirectory, DatabaseSetup.SqliteFileName);
        var files = new[] { database, database + "-wal", backup };
        Assert.True(new FileInfo(database + "-wal").Length > 0 || new FileInfo(database).Length > 100_000, "the demo is in the file or its log");
        foreach (var file in files)
        {
            var bytes = await ReadSharedAsync(file);
            foreach (var value in values)
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) < 0, $"{Path.GetFileName(file)} holds a petitioner's value in clear");
        }
        // The check can fail: the names (stored clear on purpose) are found in the same bytes.
        var name = await app.WithDbAsync(db => db.CasePetitioners.Select(p => p.Name).FirstAsync());
        Assert.True((await ReadSharedAsync(backup)).AsSpan().IndexOf(Encoding.UTF8.GetBytes(name)) >= 0);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task StoredValuesAreCiphertext_AndIdSearch_AndTheRepeatCheck_FindThePersonByBlindIndex(DatabaseProvider provider)
    {
        await using var app = ReceptionFactory.Build().On(provider).At(2026, 11, 22).Create();
        var values = await ClearValuesAsync(app);
        var raw = await RawRowsAsync(app);
        Assert.NotEmpty(raw);
        foreach (var row in raw)
        {
            foreach (var stored in new[] { row.IdentityNumber, row.Phone, row.Address }.OfType<string>())
            {
                Assert.StartsWith(AesGcmPersonalDataProtector.Prefix, stored, StringComparison.Ordinal);
                Assert.DoesNotContain(stored, values);
            }
            Assert.Equal(row.IdentityNumber is null, row.IdentityNumberIndex is null);
            Assert.Equal(row.Phone is null, row.PhoneIndex is null);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var petitioner = await db.CasePetitioners.AsNoTracking().Where(p => EF.Property<string>(p, CasePetitionerProtection.IdentityNumberIndex) != null)
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.IdentityNumber, p.Phone, CaseId = EF.Property<int>(p, "PetitionCaseId") }).FirstAsync();
        var typed = " " + petitioner.IdentityNumber!.ToLowerInvariant() + " ";

        // Search by ID number: the SQL carries the blind index, never the number.
        var query = db.CasePetitioners.WithIdentityNumber(db.PersonalData, [typed]).Select(p => p.Id);
        Assert.DoesNotContain(petitioner.IdentityNumber, query.ToQueryString(), StringComparison.Ordinal);
        Assert.Contains(petitioner.Id, await query.ToListAsync());
        Assert.Empty(await db.CasePetitioners.WithIdentityNumber(db.PersonalData, ["110105194912310037"]).ToListAsync());
        if (petitioner.Phone is { } phone)
            Assert.Contains(petitioner.Id, await db.CasePetitioners.WithPhone(db.PersonalData, phone).Select(p => p.Id).ToListAsync());

        // The repeat check at intake finds the earlier case of the same person.
        var org = await db.Cases.Where(c => c.Id == petitioner.CaseId).Select(c => c.OrgUnitId).SingleAsync();
        var path = await db.OrgUnits.Where(o => o.Id == org).Select(o => o.Path).SingleAsync();
        var assessment = await scope.ServiceProvider.GetRequiredService<CaseService>().AssessAsync([typed], path);
        Assert.Contains(petitioner.CaseId, assessment.RepeatCandidateIds);
    }

    [Fact]
    public async Task AnotherKey_StopsTheStart_NamingTheKeyTheDataNeeds()
    {
        var dir = Directory.CreateTempSubdirectory("reception-wrongkey-").FullName;
        try
        {
            string keyId;
            await using (var app = ReceptionFactory.Build().InDataDirectory(dir, keep: true).At(2026, 11, 22).Create())
                keyId = app.Services.GetRequiredService<IPersonalDataProtector>().KeyId;

            await using var wrong = ReceptionFactory.Build().InDataDirectory(dir, keep: true).At(2026, 11, 22)
                .Setting(PersonalDataKeys.KeySetting, OtherKey).Create();
            var e = Assert.ThrowsAny<Exception>(() => wrong.Services);
            var cause = Causes(e).OfType<PersonalDataKeyException>().FirstOrDefault();
            Assert.True(cause is not null, $"expected a PersonalDataKeyException, got: {e}");
            Assert.Contains($"key {keyId}", cause.Message, StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ClearRowsOfBefore_AreEncryptedAtStart_Once_AndARotatedKeyIsReplaced(DatabaseProvider provider)
    {
        var dir = Directory.CreateTempSubdirectory("reception-clear-").FullName;
        using var postgres = provider == DatabaseProvider.Postgres ? PostgresServer.CreateDatabase("clearrows") : null;
        ReceptionBuilder Build() => (postgres is null ? ReceptionFactory.Build() : ReceptionFactory.Build().OnDatabase(postgres))
            .InDataDirectory(dir, keep: true).At(2026, 11, 22);
        try
        {
            Dictionary<int, (string? Id, string? Phone, string? Address)> original;
            await using (var app = Build().Create())
            {
                original = await app.WithDbAsync(async db => (await db.CasePetitioners.AsNoTracking().ToListAsync())
                    .ToDictionary(p => p.Id, p => (p.IdentityNumber, p.Phone, p.Address)));
                // The rows as the PersonalDataAtRest migration finds them: clear values, no blind indexes.
                await ExecuteAsync(app, """UPDATE "CasePetitioners" SET "IdentityNumberIndex" = NULL, "PhoneIndex" = NULL""");
                foreach (var (id, p) in original)
                {
                    await ExecuteAsync(app, """UPDATE "CasePetitioners" SET "IdentityNumber" = @a, "Phone" = @b, "Address" = @c WHERE "Id" = @d""",
                        p.Id, p.Phone, p.Address, id);
                }
                Assert.Contains(await RawRowsAsync(app), r => r.IdentityNumber is { } v && !v.StartsWith(AesGcmPersonalDataProtector.Prefix, StringComparison.Ordinal));
            }

            string firstKeyId;
            await using (var app = Build().Create())
            {
                firstKeyId = app.Services.GetRequiredService<IPersonalDataProtector>().KeyId;
                await AssertProtectedAsync(app, original);
                // Idempotent: a second pass finds nothing to do.
                Assert.Equal(0, await app.WithDbAsync(db => PersonalDataStartup.ProtectAsync(db)));
            }

            // A new key, the old one kept for reading: every row is re-encrypted under the new key at start.
            await using (var app = Build().Setting(PersonalDataKeys.KeySetting, OtherKey)
                             .Setting(PersonalDataKeys.PreviousKeysSetting, ReceptionFactory.TestPersonalDataKey).Create())
            {
                Assert.NotEqual(firstKeyId, app.Services.GetRequiredService<IPersonalDataProtector>().KeyId);
                await AssertProtectedAsync(app, original);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task TheDataFolder_DatabaseFiles_KeyFile_Backups_AndMail_AreForTheServiceAccountOnly()
    {
        // No key configured (Development): the app generates its key file in the data folder.
        await using var app = ReceptionFactory.Build().At(2026, 11, 22).Setting(PersonalDataKeys.KeySetting, "").Create();
        var dir = app.DataDirectory;
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        _ = app.Services; // starts: the folder is made private again, the files created private
        var backup = await app.WithBackupsAsync(b => b.CreateAsync(CancellationToken.None));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var sender = ActivatorUtilities.CreateInstance<PickupFolderMailSender>(scope.ServiceProvider);
            await sender.SendAsync(new OutgoingMail("test-key", "clerk@example.test", "主题", "正文", "<p>正文</p>"), CancellationToken.None);
        }

        const UnixFileMode folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        const UnixFileMode file = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var database = Path.Combine(dir, DatabaseSetup.SqliteFileName);
        var mail = Path.Combine(dir, "mail");
        var expected = new Dictionary<string, UnixFileMode>
        {
            [dir] = folder,
            [database] = file,
            [database + "-wal"] = file,
            [database + "-shm"] = file,
            [Path.Combine(dir, JobSetup.SqliteFileName)] = file,
            [Path.Combine(dir, PersonalDataKeys.DefaultFileName)] = file,
            [Path.GetDirectoryName(backup)!] = folder,
            [backup] = file,
            [mail] = folder,
            [Path.Combine(mail, PickupFolderMailSender.FileName("test-key"))] = file,
        };
        foreach (var (path, mode) in expected)
        {
            Assert.True(File.Exists(path) || Directory.Exists(path), $"{path} should exist");
            Assert.True(File.GetUnixFileMode(path) == mode, $"{Path.GetRelativePath(dir, path)} is {File.GetUnixFileMode(path)}, not {mode}");
        }
    }

    // ---------------------------------------------------------------- helpers

    private sealed record RawRow(int Id, string? IdentityNumber, string? Phone, string? Address, string? IdentityNumberIndex, string? PhoneIndex);

    private static async Task AssertProtectedAsync(ReceptionFactory app, Dictionary<int, (string? Id, string? Phone, string? Address)> original)
    {
        var protector = app.Services.GetRequiredService<IPersonalDataProtector>();
        var prefix = AesGcmPersonalDataProtector.Prefix + protector.KeyId + ":";
        var raw = await RawRowsAsync(app);
        Assert.Equal(original.Count, raw.Count);
        foreach (var row in raw)
        {
            foreach (var stored in new[] { row.IdentityNumber, row.Phone, row.Address }.OfType<string>())
                Assert.StartsWith(prefix, stored, StringComparison.Ordinal);
            Assert.Equal(protector.IdentityNumber(original[row.Id].Id), row.IdentityNumberIndex);
            Assert.Equal(protector.Phone(original[row.Id].Phone), row.PhoneIndex);
        }
        var read = await app.WithDbAsync(async db => (await db.CasePetitioners.AsNoTracking().ToListAsync())
            .ToDictionary(p => p.Id, p => (p.IdentityNumber, p.Phone, p.Address)));
        Assert.Equal(original, read);
    }

    private static Task<List<string>> ClearValuesAsync(ReceptionFactory app) =>
        app.WithDbAsync(async db => (await db.CasePetitioners.AsNoTracking().ToListAsync())
            .SelectMany(p => new[] { p.IdentityNumber, p.Phone, p.Address }).OfType<string>().Distinct().ToList());

    private static Task<List<RawRow>> RawRowsAsync(ReceptionFactory app) =>
        app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT "Id", "IdentityNumber", "Phone", "Address", "IdentityNumberIndex", "PhoneIndex" FROM "CasePetitioners" ORDER BY "Id" """;
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<RawRow>();
            string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
            while (await reader.ReadAsync())
                rows.Add(new RawRow(reader.GetInt32(0), Text(reader, 1), Text(reader, 2), Text(reader, 3), Text(reader, 4), Text(reader, 5)));
            return rows;
        });

    private static Task<int> ExecuteAsync(ReceptionFactory app, string sql, params object?[] values) =>
        app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var names = new[] { "@a", "@b", "@c", "@d" };
            for (var i = 0; i < values.Length; i++)
            {
                var p = command.CreateParameter();
                p.ParameterName = names[i];
                p.Value = values[i] ?? DBNull.Value;
                command.Parameters.Add(p);
            }
            return await command.ExecuteNonQueryAsync();
        });

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return memory.ToArray();
    }

    private static IEnumerable<Exception> Causes(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
            if (x is AggregateException a)
            {
                foreach (var inner in a.InnerExceptions.SelectMany(Causes)) yield return inner;
            }
        }
    }
}
