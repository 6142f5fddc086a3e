using System.Security.Cryptography;
using System.Text.Json;
using Reception.Core.Audit;
using Reception.Core.Cases;
using Reception.Core.Cases.Import;
using Reception.Core.Organisation;
using Reception.Core.Time;
using Reception.Web.Audit;

namespace Reception.Web.Features.Cases.Import;

/// <summary>
/// The database side of bringing an office's old ledger in (issue 17 item 8): the uploaded table kept between the steps
/// (encrypted, the uploader's only, deleted on import or after <see cref="CaseImportUpload.Lifetime"/>), the office's
/// remembered column mapping, the names the rows may use (in the importer's scope), and the import itself — every row or
/// none, in one transaction, numbers allocated per year in one statement each, cases registered, accepted and assigned at
/// the ledger's dates through the case's own operations, their clocks and colours computed as of today.
/// </summary>
public sealed class LedgerImportService(AppDbContext db, CurrentUser me, CaseService cases, AuditLog audit, IStringLocalizer<SharedResource> l)
{
    /// <summary>The unit kinds a case can be handled by (as on the assignment page).</summary>
    private static readonly OrgUnitKind[] HandlingKinds = [OrgUnitKind.Department, OrgUnitKind.Township, OrgUnitKind.Street];

    // ------------------------------------------------------------------ uploads

    public async Task<string> SaveUploadAsync(LedgerTable table, string fileName, CancellationToken ct)
    {
        // Stale uploads of anyone go first: an upload is kept only while someone is on its way to importing it.
        var stale = cases.UtcNow - CaseImportUpload.Lifetime;
        await db.CaseImportUploads.Where(u => u.CreatedAtUtc < stale).ExecuteDeleteAsync(ct);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(CaseImportUpload.IdLength / 2));
        var json = JsonSerializer.Serialize(new StoredTable(table.Headers, table.Rows));
        db.CaseImportUploads.Add(new CaseImportUpload(id, me.UserId!, me.OrgUnitId, Path.GetFileName(fileName), table.Rows.Count,
            db.PersonalData.Protect(json), cases.UtcNow));
        await db.SaveChangesAsync(ct);
        return id;
    }

    /// <summary>The signed-in user's upload <paramref name="id"/> with its table, or null (none, someone else's, or expired).</summary>
    public async Task<(CaseImportUpload Upload, LedgerTable Table)?> FindUploadAsync(string? id, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(id) || id.Length != CaseImportUpload.IdLength) return null;
        var userId = me.UserId;
        var fresh = cases.UtcNow - CaseImportUpload.Lifetime;
        var upload = await db.CaseImportUploads.AsNoTracking()
            .SingleOrDefaultAsync(u => u.Id == id && u.UserId == userId && u.OrgUnitId == me.OrgUnitId && u.CreatedAtUtc >= fresh, ct);
        if (upload is null) return null;
        var stored = JsonSerializer.Deserialize<StoredTable>(db.PersonalData.Unprotect(upload.Table))!;
        return (upload, new LedgerTable(stored.Headers, stored.Rows));
    }

    private sealed record StoredTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

    // ------------------------------------------------------------------ the mapping

    /// <summary>The office's mapping applied to <paramref name="headers"/>, and whether it knew every one of them.</summary>
    public async Task<(LedgerMapping Mapping, bool Remembered)> MappingForAsync(IReadOnlyList<string> headers, CancellationToken ct)
    {
        var remembered = await RememberedAsync(ct);
        var mapping = LedgerMapping.For(headers, remembered);
        var known = remembered.Count > 0 && headers.All(h => remembered.ContainsKey(LedgerMapping.Key(h)));
        return (mapping, known);
    }

    private async Task<Dictionary<string, LedgerField>> RememberedAsync(CancellationToken ct)
    {
        var json = await db.CaseImportMappings.AsNoTracking().Where(m => m.OrgUnitId == me.OrgUnitId).Select(m => m.Mapping).SingleOrDefaultAsync(ct);
        if (json is null) return [];
        return JsonSerializer.Deserialize<Dictionary<string, LedgerField>>(json) ?? [];
    }

    /// <summary>Remembers the office's choice for these headers (added to what it chose for other headers before).</summary>
    public async Task RememberAsync(IReadOnlyList<string> headers, LedgerMapping mapping, CancellationToken ct)
    {
        var remembered = await RememberedAsync(ct);
        // A field now given to one header is no longer another header's.
        foreach (var key in remembered.Where(kv => kv.Value != LedgerField.Ignore && mapping.Has(kv.Value)).Select(kv => kv.Key).ToList())
            remembered.Remove(key);
        for (int i = 0; i < headers.Count; i++) remembered[LedgerMapping.Key(headers[i])] = mapping[i];
        var json = JsonSerializer.Serialize(remembered);
        var row = await db.CaseImportMappings.SingleOrDefaultAsync(m => m.OrgUnitId == me.OrgUnitId, ct);
        if (row is null) db.CaseImportMappings.Add(new CaseImportMapping(me.OrgUnitId, json, me.UserId!, cases.UtcNow));
        else row.Update(json, me.UserId!, cases.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    // ------------------------------------------------------------------ checking

    /// <summary>Every row checked against the names of the importer's scope and the office's earlier imports.</summary>
    public async Task<LedgerCheck> CheckAsync(LedgerTable table, LedgerMapping mapping, CancellationToken ct)
    {
        var scope = me.Scope;
        var channels = new Dictionary<string, Channel>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in Enum.GetValues<Channel>())
        {
            channels.TryAdd(l.Label(c), c);
            channels.TryAdd(c.ToString(), c);
        }
        var categories = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var k in await db.CaseCategories.AsNoTracking().Where(k => k.IsActive).OrderBy(k => k.SortOrder).Select(k => new { k.Code, k.Name }).ToListAsync(ct))
        {
            categories.TryAdd(k.Name, k.Code);
            categories.TryAdd(k.Code, k.Code);
        }
        var units = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var u in await db.OrgUnits.AsNoTracking().VisibleTo(scope).Where(o => o.IsActive && HandlingKinds.Contains(o.Kind))
                     .OrderBy(o => o.Path).Select(o => new { o.Id, o.Name, o.Code }).ToListAsync(ct))
        {
            units.TryAdd(u.Name, u.Id);
            units.TryAdd(u.Code, u.Id);
        }
        var leaders = (await db.Leaders.AsNoTracking().VisibleTo(scope).Where(x => x.IsActive).Select(x => new { x.Id, x.Name }).ToListAsync(ct))
            .GroupBy(x => x.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<int>)g.Select(x => x.Id).ToList(), StringComparer.Ordinal);

        var referenceColumn = mapping.ColumnOf(LedgerField.ExternalReference);
        var references = referenceColumn < 0 ? [] : table.Rows.Select(r => r[referenceColumn].Trim()).Where(r => r.Length > 0).Distinct().ToList();
        var existing = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (references.Count > 0)
        {
            var office = me.OrgUnitId;
            foreach (var x in await db.Cases.AsNoTracking().Where(c => c.OrgUnitId == office && c.ExternalReference != null && references.Contains(c.ExternalReference))
                         .Select(c => new { c.ExternalReference, c.Number }).ToListAsync(ct))
                existing.TryAdd(x.ExternalReference!, x.Number.ToString());
        }

        return LedgerImport.Check(table.Headers, table.Rows, mapping, new LedgerLookups(channels, categories, units, leaders, existing, cases.Today));
    }

    // ------------------------------------------------------------------ importing

    /// <summary>
    /// Imports every row of <paramref name="check"/> (which must have succeeded) as a case of the importer's office, in one
    /// transaction that also deletes the upload: a second import of the same upload (a double click, two tabs) finds it gone
    /// and imports nothing. Returns the batch id, or null when the upload was already used.
    /// </summary>
    public async Task<int?> ImportAsync(CaseImportUpload upload, LedgerCheck check, CancellationToken ct)
    {
        if (!check.Succeeded) throw new InvalidOperationException("Only a file without problems is imported.");
        var userId = me.UserId!;
        var now = cases.UtcNow;
        var rows = check.Rows.Select(r => r.Case!).ToList();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.CaseImportUploads.Where(u => u.Id == upload.Id && u.UserId == userId).ExecuteDeleteAsync(ct);
        if (claimed == 0) return null;

        var unit = await db.OrgUnits.SingleAsync(o => o.Id == me.OrgUnitId, ct);
        var batch = new CaseImportBatch(unit.Id, userId, upload.FileName, rows.Count, now);
        db.CaseImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);

        // Numbers: per year of receipt, one statement hands out the whole range; within a year in order of receipt.
        var numbers = new Dictionary<LedgerCase, CaseNumber>(ReferenceEqualityComparer.Instance);
        foreach (var year in rows.GroupBy(r => r.ReceivedOn.Year).OrderBy(g => g.Key))
        {
            var ordered = year.OrderBy(r => r.ReceivedOn).ToList();
            var last = await cases.AllocateNumbersAsync(unit, year.Key, ordered.Count, ct);
            for (int i = 0; i < ordered.Count; i++) numbers[ordered[i]] = new CaseNumber(unit.Code, year.Key, last - ordered.Count + 1 + i);
        }

        static DateTime At(DateOnly d) => ChinaTime.ToUtc(d, new TimeOnly(9, 0));
        var created = new List<PetitionCase>(rows.Count);
        foreach (var row in rows)
        {
            var petitioners = row.Petitioners.Select(p => new CasePetitioner(p.Name, p.IdentityNumber, p.Phone, p.HouseholdLocality, p.Address)).ToList();
            var registered = PetitionCase.Register(new CaseIntake(numbers[row], unit.Id, row.Channel, row.ReceivedOn, row.CategoryCode, row.Summary, row.Content,
                row.NumberOfPeople, petitioners), userId, At(row.ReceivedOn));
            var c = registered.Succeeded ? registered.Value : throw new InvalidOperationException(registered.Error.ToString());
            c.SetImported(row.ExternalReference, batch.Id);
            if (row.AcceptedOn is { } accepted) Ok(c.Accept(userId, At(accepted)));
            if (row.OwnerLeaderId is { } leader && row.HandlingUnitId is { } handling)
                Ok(c.Assign(leader, handling, null, null, null, userId, At(row.AssignedOn ?? row.AcceptedOn!.Value)));
            await cases.RefreshClockAsync(c, ct);
            created.Add(c);
        }
        db.Cases.AddRange(created);
        await db.SaveChangesAsync(ct); // one save: EF batches the inserts; the search index follows (its interceptor)
        await tx.CommitAsync(ct);

        await audit.RecordAsync(AuditActions.CaseImport, AuditOutcome.Success, "import:" + batch.Id.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"office={unit.Code}; rows={rows.Count}; file-rows={upload.RowCount}"), CancellationToken.None);
        return batch.Id;
    }

    private static void Ok(CaseResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(result.Error.ToString());
    }
}
