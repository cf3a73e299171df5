using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class ThemeActivityConfiguration : IEntityTypeConfiguration<ThemeActivity>
{
    public void Configure(EntityTypeBuilder<ThemeActivity> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.BureauName).HasMaxLength(100).IsRequired();
        b.Property(x => x.Theme).HasMaxLength(60).IsRequired();
        b.Property(x => x.Instructions).HasMaxLength(2000).IsRequired();
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => x.Deadline);
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
    }
}
