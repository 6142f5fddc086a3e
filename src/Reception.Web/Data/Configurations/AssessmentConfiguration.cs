using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reception.Core.Reports;

namespace Reception.Web.Data.Configurations;

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<AssessmentWeightVersion>
{
    public void Configure(EntityTypeBuilder<AssessmentWeightVersion> b)
    {
        b.ToTable("AssessmentWeights");
        // The version is the key, given by the app (latest + 1): two administrators saving at once cannot both make version n.
        b.HasKey(w => w.Version);
        b.Property(w => w.Version).ValueGeneratedNever();
        b.Property(w => w.CreatedByUserId).HasMaxLength(450).IsRequired();
        b.Ignore(w => w.Weights);
    }
}
