using Reception.Core.Audit;
using Reception.Core.Time;

namespace Reception.Web.Features.Audit;

/// <summary>The auditor's filter over the log: a period of China dates, a user, an action, an outcome, a record.</summary>
public sealed class AuditFilter
{
    [FromQuery(Name = "from")] public DateOnly? From { get; set; }
    [FromQuery(Name = "to")] public DateOnly? To { get; set; }
    [FromQuery(Name = "user")] public string? User { get; set; }
    [FromQuery(Name = "action")] public string? Action { get; set; }
    [FromQuery(Name = "outcome")] public AuditOutcome? Outcome { get; set; }
    [FromQuery(Name = "target")] public string? Target { get; set; }

    public IQueryable<AuditRecord> Apply(IQueryable<AuditRecord> records)
    {
        if (From is { } from)
        {
            var start = ChinaTime.ToUtc(from, TimeOnly.MinValue);
            records = records.Where(r => r.AtUtc >= start);
        }
        if (To is { } to)
        {
            var end = ChinaTime.ToUtc(to.AddDays(1), TimeOnly.MinValue);
            records = records.Where(r => r.AtUtc < end);
        }
        if (!string.IsNullOrWhiteSpace(User))
        {
            var user = User.Trim();
            records = records.Where(r => r.UserName == user);
        }
        if (!string.IsNullOrWhiteSpace(Action)) records = records.Where(r => r.Action == Action);
        if (Outcome is { } outcome) records = records.Where(r => r.Outcome == outcome);
        if (!string.IsNullOrWhiteSpace(Target))
        {
            var target = Target.Trim();
            records = records.Where(r => r.Target != null && r.Target.Contains(target));
        }
        return records;
    }

    public Dictionary<string, string?> RouteValues() => new()
    {
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["user"] = User,
        ["action"] = Action,
        ["outcome"] = Outcome?.ToString(),
        ["target"] = Target,
    };
}
