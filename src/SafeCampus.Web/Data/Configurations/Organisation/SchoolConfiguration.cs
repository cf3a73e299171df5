using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class SchoolConfiguration : IEntityTypeConfiguration<School>
{
    public void Configure(EntityTypeBuilder<School> b)
    {
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.Property(x => x.Address).HasMaxLength(200);
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Version).IsRowVersion();
        b.HasIndex(x => x.ScopePath).IsUnique().HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.BureauId, x.Name }).IsUnique();
        b.HasIndex(x => x.DistrictId);
        b.HasIndex(x => x.Kind);
        b.HasOne(x => x.Bureau).WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.SetNull);
    }
}
