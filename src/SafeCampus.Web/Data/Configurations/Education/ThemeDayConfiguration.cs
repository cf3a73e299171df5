using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class ThemeDayConfiguration : IEntityTypeConfiguration<ThemeDay>
{
    public void Configure(EntityTypeBuilder<ThemeDay> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Name).HasMaxLength(40).IsRequired();
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
    }
}
