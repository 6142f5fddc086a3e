using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Web.Authorization;
using Reception.Web.Features.Cases;
using Reception.Web.Data;

namespace Reception.Web.Features.Cases.Notices;

/// <summary>
/// Which 督办 notices a user sees: Clerks and Supervisors those about the cases of their scope
/// (<see cref="CaseScope.VisibleTo"/>); a unit handler those addressed to their unit. Nobody else sees any.
/// A notice outside this answers 404.
/// </summary>
public static class NoticeScope
{
    public static IQueryable<SupervisionNotice> VisibleTo(this IQueryable<SupervisionNotice> query, AppDbContext db, CurrentUser me)
    {
        if (me.IsInRole(Roles.UnitHandler))
        {
            var unit = CaseScope.HandlerUnitId(me);
            return query.Where(n => n.ToUnitId == unit);
        }

        if (me.IsInRole(Roles.Clerk) || me.IsInRole(Roles.Supervisor))
        {
            var cases = db.Cases.VisibleTo(db, me).Select(c => c.Id);
            return query.Where(n => cases.Contains(n.PetitionCaseId));
        }

        return query.Where(_ => false);
    }

    /// <summary>Whether the user answers for the unit the notice is addressed to.</summary>
    public static bool Answers(this CurrentUser me, SupervisionNotice notice) =>
        me.IsInRole(Roles.UnitHandler) && CaseScope.HandlerUnitId(me) == notice.ToUnitId;

    /// <summary>
    /// The colour of an open notice's reply deadline, tracked like a clock: the reply date is the due date and the day of
    /// issue stands for the last progress. Null once answered.
    /// </summary>
    public static SupervisionColour? ColourOf(DateOnly issuedOn, DateOnly replyDueOn, bool answered, DateOnly today, SupervisionThresholds thresholds) =>
        answered ? null : Supervision.ColourOf(replyDueOn, issuedOn, today, false, thresholds).Colour;
}

/// <summary>The filter of the notice list.</summary>
public enum NoticeFilter
{
    All,
    Open,
    Answered,
    Overdue,
}
