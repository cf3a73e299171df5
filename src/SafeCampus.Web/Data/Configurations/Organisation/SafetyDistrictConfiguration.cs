using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class SafetyDistrictConfiguration : IEntityTypeConfiguration<SafetyDistrict>
{
    public void Configure(EntityTypeBuilder<SafetyDistrict> b)
    {
        b.Property(x => x.Name).HasMaxLength(50).IsRequired();
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.BureauId, x.Name }).IsUnique();
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Liaison).WithMany().HasForeignKey(x => x.LiaisonUserId).OnDelete(DeleteBehavior.SetNull);
    }
}
