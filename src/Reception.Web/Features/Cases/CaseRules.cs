using Reception.Core.Cases.Deadlines;

namespace Reception.Web.Features.Cases;

/// <summary>
/// The deployment's deadline rules and supervision thresholds, read once from configuration:
/// <c>Reception:Deadlines:{code}:Length|Unit</c> (e.g. <c>Reception__Deadlines__handle__Length=45</c>) and
/// <c>Reception:Supervision:BlueDaysLeft|YellowNoProgressDays|RedOverdueDays</c>. Invalid values stop the app at startup
/// with the reason, rather than silently using the defaults.
/// </summary>
public sealed class CaseRules
{
    public const string DeadlinesSection = "Reception:Deadlines";
    public const string SupervisionSection = "Reception:Supervision";

    public CaseRules(DeadlineRuleSet deadlines, SupervisionThresholds thresholds)
    {
        Deadlines = deadlines;
        Thresholds = thresholds;
    }

    public DeadlineRuleSet Deadlines { get; }
    public SupervisionThresholds Thresholds { get; }

    public static CaseRules FromConfiguration(IConfiguration configuration)
    {
        var overrides = new Dictionary<string, DeadlineRuleOverride>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in configuration.GetSection(DeadlinesSection).GetChildren())
        {
            overrides[section.Key] = section.Get<DeadlineRuleOverride>() ?? new DeadlineRuleOverride();
        }

        var result = DeadlineRules.Defaults.WithOverrides(overrides);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture, "{0} is invalid: {1}", DeadlinesSection, string.Join("; ", result.Errors)));
        }

        var thresholds = configuration.GetSection(SupervisionSection).Get<SupervisionThresholds>() ?? SupervisionThresholds.Default;
        if (thresholds.Validate() is [var first, ..])
        {
            throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture, "{0} is invalid: {1}", SupervisionSection, first));
        }

        return new CaseRules(result.Rules!, thresholds);
    }
}
