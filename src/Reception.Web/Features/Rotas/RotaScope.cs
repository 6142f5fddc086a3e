using Reception.Core.Rotas.Model;

namespace Reception.Web.Features.Rotas;

/// <summary>Loading a rule for the rota pages, always through the user's org scope.</summary>
public static class RotaScope
{
    public static Task<DutyRule?> FindRuleAsync(this AppDbContext db, UserScope scope, int ruleId, bool tracking = false)
    {
        var rules = tracking ? db.DutyRules : db.DutyRules.AsNoTracking();
        return rules.VisibleTo(db, scope).Include(r => r.Sessions).Include(r => r.Members).Include(r => r.Venue)
            .SingleOrDefaultAsync(r => r.Id == ruleId);
    }
}
