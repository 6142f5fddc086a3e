using System.Text.Json;
using System.Text.Json.Serialization;
using Reception.Core.Cases;
using Reception.Core.Reports;
using Reception.Core.Rotas;
using Reception.Web.Features.Cases;

namespace Reception.Web.Features.Reports.Periodic;

/// <summary>A case on the red list: number, category and who is responsible — never a petitioner's data.</summary>
public sealed record RedCaseRow(int Id, string Number, string Category, string? HandlingUnit, string? Owner, DateOnly ReceivedOn, DateOnly? DueOn);

/// <summary>A 督办 notice past its reply deadline without a reply.</summary>
public sealed record OverdueNoticeRow(int Id, string? DocumentNumber, string CaseNumber, string Unit, DateOnly IssuedOn, DateOnly ReplyDueOn);

/// <summary>
/// One leader's reception in the period: duties planned in published rotas, recorded, the batches and people received (the
/// planned-against-actual report's definitions), and village visit days and meetings on cases (约访 and cases carried) against
/// the monthly quota in the months it applied to them (the compliance page's definitions, month by month).
/// </summary>
public sealed record LeaderReceptionRow(int LeaderId, string Name, string Title, int Planned, int Recorded, int Batches, int People,
    int VisitDays, int Meetings, int MonthsSubject, int MonthsBelow);

/// <summary>
/// The appendix of the yearly 通报 (信访工作条例 Art. 41): what the data holds of each item. The units "complained about most"
/// are not recorded as such: the handling units (谁主管、谁负责) with most cases stand for them, and the page says so; the
/// adoption of suggestions for improving work (item 3) is not recorded at all.
/// </summary>
public sealed record Article41Appendix(int Transferred, int Assigned, int NoticesIssued, int NoticesAnswered, int NoticesAnsweredLate,
    int NoticesOpenOverdue, IReadOnlyList<CaseCount> TopHandlingUnits);

/// <summary>
/// Everything a 通报 shows, as computed for one org unit's scope and period: the metrics page's figures (the same
/// <see cref="CaseMetrics.ReportAsync"/>), rankings, the red list, overdue notices, leaders' reception and visits, and — for a
/// year — the Art. 41 appendix. A draft computes it whenever it is read; publishing stores it as JSON (<see cref="ToJson"/>),
/// and the published report is read back from that (<see cref="FromJson"/>) for ever after.
/// </summary>
public sealed record PeriodicReportContent(
    int UnitId,
    string UnitName,
    string Period,
    DateOnly From,
    DateOnly To,
    DateOnly AsOf,
    CaseFigures Figures,
    IReadOnlyList<CaseCount> ByCategory,
    IReadOnlyList<CaseCount> ByTownship,
    IReadOnlyList<CaseCount> ByChannel,
    IReadOnlyList<MonthCounts> ByMonth,
    ThreeDeclines Trends,
    IReadOnlyList<RankedRow> UnitsByOnTime,
    IReadOnlyList<RankedRow> LeadersByResolution,
    IReadOnlyList<RankedRow> TownshipsByNew,
    IReadOnlyList<RedCaseRow> RedList,
    int RedTotal,
    IReadOnlyList<OverdueNoticeRow> OverdueNotices,
    VisitQuota Quota,
    IReadOnlyList<LeaderReceptionRow> Reception,
    Article41Appendix? Article41)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [JsonIgnore]
    public ReportPeriod ReportPeriod => ReportPeriod.TryParse(Period, out var p) ? p : throw new InvalidOperationException($"\"{Period}\" is not a period.");

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PeriodicReportContent FromJson(string json) =>
        JsonSerializer.Deserialize<PeriodicReportContent>(json, Json) ?? throw new InvalidOperationException("The report's snapshot is empty.");
}
