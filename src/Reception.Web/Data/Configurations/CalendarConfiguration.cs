using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reception.Core.Calendar;

namespace Reception.Web.Data.Configurations;

internal sealed class HolidayEntryConfiguration : IEntityTypeConfiguration<HolidayEntry>
{
    public void Configure(EntityTypeBuilder<HolidayEntry> b)
    {
        b.ToTable("HolidayEntries");
        b.HasKey(h => h.Date);
        b.Property(h => h.Name).HasMaxLength(HolidayEntry.NameMaxLength).IsRequired();
        b.Property(h => h.EnteredByHand).HasDefaultValue(false); // dates from before the column came from the notices
    }
}

internal sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYear>
{
    public void Configure(EntityTypeBuilder<CalendarYear> b)
    {
        b.ToTable("CalendarYears");
        b.HasKey(y => y.Year);
        b.Property(y => y.Year).ValueGeneratedNever();
        b.Property(y => y.Source).HasMaxLength(CalendarYear.SourceMaxLength).IsRequired();
    }
}
