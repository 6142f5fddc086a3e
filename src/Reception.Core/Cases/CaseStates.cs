using System.Linq.Expressions;

namespace Reception.Core.Cases;

/// <summary>
/// The states as sets, from the one definition of each (<see cref="PetitionCase.IsOpenState"/>,
/// <see cref="PetitionCase.IsFinalState"/>), and as query predicates for lists and figures.
/// </summary>
public static class CaseStates
{
    /// <summary>A clock runs and the case is coloured: not final and not yet replied to.</summary>
    public static readonly IReadOnlyList<CaseState> Open = Enum.GetValues<CaseState>().Where(PetitionCase.IsOpenState).ToArray();

    /// <summary>Replied to, or final.</summary>
    public static readonly IReadOnlyList<CaseState> NotOpen = Enum.GetValues<CaseState>().Where(s => !PetitionCase.IsOpenState(s)).ToArray();

    /// <summary>Nothing more happens to the case: not accepted, closed or terminated.</summary>
    public static readonly IReadOnlyList<CaseState> Final = Enum.GetValues<CaseState>().Where(PetitionCase.IsFinalState).ToArray();

    /// <summary><c>c =&gt; c.State == s1 || c.State == s2 …</c>: one comparison per state, as an index reads it best.</summary>
    public static Expression<Func<PetitionCase, bool>> In(IEnumerable<CaseState> states) => Chain(states, Expression.Equal, Expression.OrElse, false);

    /// <summary><c>c =&gt; c.State != s1 &amp;&amp; c.State != s2 …</c>.</summary>
    public static Expression<Func<PetitionCase, bool>> NotIn(IEnumerable<CaseState> states) => Chain(states, Expression.NotEqual, Expression.AndAlso, true);

    private static Expression<Func<PetitionCase, bool>> Chain(IEnumerable<CaseState> states, Func<Expression, Expression, BinaryExpression> compare,
        Func<Expression, Expression, BinaryExpression> join, bool empty)
    {
        var c = Expression.Parameter(typeof(PetitionCase), "c");
        var state = Expression.Property(c, nameof(PetitionCase.State));
        var body = states.Select(s => (Expression)compare(state, Expression.Constant(s)))
            .Aggregate((Expression?)null, (all, next) => all is null ? next : join(all, next)) ?? Expression.Constant(empty);
        return Expression.Lambda<Func<PetitionCase, bool>>(body, c);
    }
}
