namespace Reception.Core.Cases.Import;

/// <summary>
/// An uploaded ledger between its upload and its import (the map and preview steps): the table read from the file, stored
/// encrypted (it holds petitioners' personal data), owned by the user who uploaded it, deleted on import or when stale.
/// </summary>
public sealed class CaseImportUpload
{
    public const int IdLength = 32;
    public const int FileNameMaxLength = 200;

    /// <summary>How long an upload waits for its import before it is deleted.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private CaseImportUpload() { Id = UserId = FileName = Table = ""; }

    public CaseImportUpload(string id, string userId, int orgUnitId, string fileName, int rowCount, string table, DateTime createdAtUtc)
    {
        Id = id;
        UserId = userId;
        OrgUnitId = orgUnitId;
        FileName = fileName.Length > FileNameMaxLength ? fileName[..FileNameMaxLength] : fileName;
        RowCount = rowCount;
        Table = table;
        CreatedAtUtc = createdAtUtc;
    }

    /// <summary>A random id (the upload's address in the pages' URLs; it says nothing about the file).</summary>
    public string Id { get; private set; }

    public string UserId { get; private set; }
    public int OrgUnitId { get; private set; }
    public string FileName { get; private set; }
    public int RowCount { get; private set; }

    /// <summary>The header and rows as JSON, encrypted by the web layer's personal-data protector.</summary>
    public string Table { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
}

/// <summary>The column mapping an office (org unit) used last: header key (<see cref="LedgerMapping.Key"/>) → field, as JSON.</summary>
public sealed class CaseImportMapping
{
    private CaseImportMapping() { Mapping = UpdatedByUserId = ""; }

    public CaseImportMapping(int orgUnitId, string mapping, string userId, DateTime nowUtc)
    {
        OrgUnitId = orgUnitId;
        Mapping = mapping;
        UpdatedByUserId = userId;
        UpdatedAtUtc = nowUtc;
    }

    public int OrgUnitId { get; private set; }
    public string Mapping { get; private set; }
    public string UpdatedByUserId { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    public void Update(string mapping, string userId, DateTime nowUtc)
    {
        Mapping = mapping;
        UpdatedByUserId = userId;
        UpdatedAtUtc = nowUtc;
    }
}

/// <summary>One import of an old ledger: who brought which file into which office, when, and how many cases it made.</summary>
public sealed class CaseImportBatch
{
    private CaseImportBatch() { UserId = FileName = ""; }

    public CaseImportBatch(int orgUnitId, string userId, string fileName, int caseCount, DateTime atUtc)
    {
        OrgUnitId = orgUnitId;
        UserId = userId;
        FileName = fileName.Length > CaseImportUpload.FileNameMaxLength ? fileName[..CaseImportUpload.FileNameMaxLength] : fileName;
        CaseCount = caseCount;
        AtUtc = atUtc;
    }

    public int Id { get; private set; }
    public int OrgUnitId { get; private set; }
    public string UserId { get; private set; }
    public string FileName { get; private set; }
    public int CaseCount { get; private set; }
    public DateTime AtUtc { get; private set; }
}
