using Hangfire.Client;
using Hangfire.States;

namespace Reception.Web.Jobs;

/// <summary>
/// The background-job factory of this app's recurring-job scheduler: it marks the jobs it creates as scheduled
/// occurrences (<see cref="JobRunner.ScheduledParameter"/>), so that <see cref="JobRunner"/> can tell them from a
/// "trigger now" on the dashboard, which Hangfire creates through the same recurring job with the same parameters.
/// </summary>
internal sealed class ScheduledJobFactory(IBackgroundJobFactory inner) : IBackgroundJobFactory
{
    public IStateMachine StateMachine => inner.StateMachine;

    public Hangfire.BackgroundJob Create(CreateContext context)
    {
        context.Parameters[JobRunner.ScheduledParameter] = true;
        return inner.Create(context);
    }
}
