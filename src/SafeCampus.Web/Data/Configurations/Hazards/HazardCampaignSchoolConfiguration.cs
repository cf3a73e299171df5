using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class HazardCampaignSchoolConfiguration : IEntityTypeConfiguration<HazardCampaignSchool>
{
    public void Configure(EntityTypeBuilder<HazardCampaignSchool> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.CampaignId, x.SchoolId }).IsUnique();
        b.HasIndex(x => new { x.SchoolId, x.CheckId });
        b.HasOne<HazardCampaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SelfCheck>().WithMany().HasForeignKey(x => x.CheckId).OnDelete(DeleteBehavior.Restrict);
    }
}
