using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class SelfCheckConfiguration : IEntityTypeConfiguration<SelfCheck>
{
    public void Configure(EntityTypeBuilder<SelfCheck> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.PeriodKey).HasMaxLength(10).IsRequired();
        b.Property(x => x.CheckedBy).HasMaxLength(50).IsRequired();
        b.Property(x => x.CheckedByUserId).HasMaxLength(64);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.SchoolId, x.PeriodKey }).IsUnique().HasFilter("\"CampaignId\" IS NULL");
        b.HasIndex(x => new { x.CampaignId, x.SchoolId }).IsUnique().HasFilter("\"CampaignId\" IS NOT NULL");
        b.HasIndex(x => x.PeriodKey);
        b.HasIndex(x => x.TemplateId);
        b.HasOne<HazardCampaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ChecklistTemplate>().WithMany().HasForeignKey(x => x.TemplateId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.Answers, a =>
        {
            a.ToTable("SelfCheckAnswers");
            a.WithOwner().HasForeignKey("SelfCheckId");
            a.HasKey("SelfCheckId", nameof(SelfCheckAnswer.ItemId));
            a.Property(x => x.Note).HasMaxLength(500);
        });
    }
}
