using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class HazardCampaignConfiguration : IEntityTypeConfiguration<HazardCampaign>
{
    public void Configure(EntityTypeBuilder<HazardCampaign> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Name).HasMaxLength(60).IsRequired();
        b.Property(x => x.CreatedBy).HasMaxLength(50);
        b.Property(x => x.WithdrawnBy).HasMaxLength(64);
        b.Property(x => x.WithdrawReason).HasMaxLength(200);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => x.BureauId);
        b.HasIndex(x => x.TemplateId);
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ChecklistTemplate>().WithMany().HasForeignKey(x => x.TemplateId).OnDelete(DeleteBehavior.Restrict);
    }
}
