using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;

namespace Reception.Web.Data.PersonalData;

/// <summary>
/// The data step after the migrations, at every start: each petitioner row whose ID number, phone or address is not
/// yet under the current key — clear (written before the PersonalDataAtRest migration, or by a tool) or under a previous
/// key (after a rotation) — is encrypted with the current key and gets its blind indexes. Idempotent: rows already under
/// the current key are not touched (one scan finds none). A row under a key this instance does not have stops the start
/// with <see cref="PersonalDataKeyException"/>, which names the key (a wrong or missing key fails clearly, not later).
/// </summary>
public static class PersonalDataStartup
{
    private const int Batch = 2_000;
    private static readonly string[] UpdateParameters = ["@id", "@phone", "@address", "@idIndex", "@phoneIndex", "@key"];

    /// <summary>Protects what is not yet protected with the current key; returns how many rows it rewrote.</summary>
    public static async Task<int> ProtectAsync(AppDbContext db, CancellationToken ct = default)
    {
        var protector = db.PersonalData;
        var prefix = AesGcmPersonalDataProtector.Prefix + protector.KeyId + ":";
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            var total = 0;
            while (true)
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var rows = await ReadAsync(connection, tx.GetDbTransaction(), prefix, ct);
                if (rows.Count == 0) return total;
                await using var update = connection.CreateCommand();
                update.Transaction = tx.GetDbTransaction();
                update.CommandText = """
                    UPDATE "CasePetitioners" SET "IdentityNumber" = @id, "Phone" = @phone, "Address" = @address,
                        "IdentityNumberIndex" = @idIndex, "PhoneIndex" = @phoneIndex WHERE "Id" = @key
                    """;
                var p = UpdateParameters.Select(name =>
                {
                    var parameter = update.CreateParameter();
                    parameter.ParameterName = name;
                    update.Parameters.Add(parameter);
                    return parameter;
                }).ToArray();
                foreach (var row in rows)
                {
                    var id = Clear(protector, row.IdentityNumber);
                    var phone = Clear(protector, row.Phone);
                    var address = Clear(protector, row.Address);
                    p[0].Value = Protect(protector, id);
                    p[1].Value = Protect(protector, phone);
                    p[2].Value = Protect(protector, address);
                    p[3].Value = (object?)protector.IdentityNumber(id) ?? DBNull.Value;
                    p[4].Value = (object?)protector.Phone(phone) ?? DBNull.Value;
                    p[5].Value = row.Id;
                    await update.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                total += rows.Count;
            }
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    private sealed record Row(int Id, string? IdentityNumber, string? Phone, string? Address);

    private static async Task<List<Row>> ReadAsync(DbConnection connection, DbTransaction tx, string prefix, CancellationToken ct)
    {
        await using var select = connection.CreateCommand();
        select.Transaction = tx;
        select.CommandText = $"""
            SELECT "Id", "IdentityNumber", "Phone", "Address" FROM "CasePetitioners"
            WHERE ("IdentityNumber" IS NOT NULL AND (substr("IdentityNumber", 1, {prefix.Length}) <> @prefix OR "IdentityNumberIndex" IS NULL))
               OR ("Phone" IS NOT NULL AND (substr("Phone", 1, {prefix.Length}) <> @prefix OR "PhoneIndex" IS NULL))
               OR ("Address" IS NOT NULL AND substr("Address", 1, {prefix.Length}) <> @prefix)
            ORDER BY "Id" LIMIT {Batch}
            """;
        var parameter = select.CreateParameter();
        parameter.ParameterName = "@prefix";
        parameter.Value = prefix;
        select.Parameters.Add(parameter);
        var rows = new List<Row>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new Row(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }
        return rows;
    }

    private static string? Clear(IPersonalDataProtector protector, string? stored) => stored is null ? null : protector.Unprotect(stored);

    private static object Protect(IPersonalDataProtector protector, string? clear) => clear is null ? DBNull.Value : protector.Protect(clear);
}
