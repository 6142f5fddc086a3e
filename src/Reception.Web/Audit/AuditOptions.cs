using System.ComponentModel.DataAnnotations;

namespace Reception.Web.Audit;

/// <summary>The "Reception:Audit" section.</summary>
public sealed class AuditOptions
{
    public const string Section = "Reception:Audit";

    /// <summary>The legal minimum (网络安全法 Art. 21: network logs kept at least six months).</summary>
    public const int MinimumRetentionDays = 180;

    /// <summary>Records older than this are archived to a file and removed from the database (Reception__Audit__RetentionDays).</summary>
    [Range(MinimumRetentionDays, 36500, ErrorMessage = "Reception:Audit:RetentionDays must be at least 180 (网络安全法 Art. 21).")]
    public int RetentionDays { get; set; } = MinimumRetentionDays;

    /// <summary>Where archived records go; relative to the data directory (Reception__Audit__ArchiveDirectory).</summary>
    public string ArchiveDirectory { get; set; } = "audit-archive";
}
