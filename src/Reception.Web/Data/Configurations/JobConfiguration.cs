using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reception.Core.Jobs;

namespace Reception.Web.Data.Configurations;

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.ToTable("JobRuns");
        b.Property(r => r.JobName).HasMaxLength(JobRun.JobNameMaxLength).IsRequired();
        b.Property(r => r.OccurrenceKey).HasMaxLength(JobRun.KeyMaxLength).IsRequired();
        b.Property(r => r.Node).HasMaxLength(JobRun.NodeMaxLength).IsRequired();
        b.Property(r => r.Error).HasMaxLength(JobRun.ErrorMaxLength);
        b.Property(r => r.Summary).HasMaxLength(JobRun.ErrorMaxLength);
        b.Property(r => r.BackgroundJobId).HasMaxLength(JobRun.BackgroundJobIdMaxLength);
        b.Property(r => r.Attempts).HasDefaultValue(1); // rows from before the column existed ran once
        // The guarantee: one row, so one run, per occurrence, whichever node or restart fires it.
        b.HasIndex(r => r.OccurrenceKey).IsUnique();
        // The jobs page (last runs, failures per job) and the pruning of old rows.
        b.HasIndex(r => new { r.JobName, r.StartedAtUtc });
    }
}
