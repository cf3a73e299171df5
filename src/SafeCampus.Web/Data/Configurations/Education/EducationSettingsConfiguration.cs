using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class EducationSettingsConfiguration : IEntityTypeConfiguration<EducationSettings>
{
    public void Configure(EntityTypeBuilder<EducationSettings> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.SpringTerm).HasMaxLength(11).IsRequired();
        b.Property(x => x.AutumnTerm).HasMaxLength(11).IsRequired();
        b.Property(x => x.Holidays).HasMaxLength(1000).IsRequired();
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => x.BureauId).IsUnique();
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
    }
}
