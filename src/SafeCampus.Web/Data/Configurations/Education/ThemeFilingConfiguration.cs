using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class ThemeFilingConfiguration : IEntityTypeConfiguration<ThemeFiling>
{
    public void Configure(EntityTypeBuilder<ThemeFiling> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Summary).HasMaxLength(2000).IsRequired();
        b.Property(x => x.FiledBy).HasMaxLength(64);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.ActivityId, x.SchoolId }).IsUnique();
        b.HasIndex(x => x.SchoolId);
        b.HasOne<ThemeActivity>().WithMany().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}
