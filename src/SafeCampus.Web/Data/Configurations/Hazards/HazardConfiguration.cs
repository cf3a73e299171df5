using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class HazardConfiguration : IEntityTypeConfiguration<Hazard>
{
    public void Configure(EntityTypeBuilder<Hazard> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Place).HasMaxLength(100).IsRequired();
        b.Property(x => x.Description).HasMaxLength(1000).IsRequired();
        b.Property(x => x.Area).HasMaxLength(30).IsRequired();
        b.Property(x => x.FoundBy).HasMaxLength(50).IsRequired();
        b.Property(x => x.ResponsiblePerson).HasMaxLength(50);
        b.Property(x => x.Measures).HasMaxLength(2000);
        b.Property(x => x.FundingNeeded).HasPrecision(12, 2);
        b.Property(x => x.FundingSecured).HasPrecision(12, 2);
        b.Property(x => x.EscalationFunding).HasPrecision(12, 2);
        b.Property(x => x.RectificationText).HasMaxLength(2000);
        b.Property(x => x.AcceptedByUserId).HasMaxLength(64);
        b.Property(x => x.AcceptedBy).HasMaxLength(50);
        b.Property(x => x.EscalationReason).HasMaxLength(1000);
        b.Property(x => x.SupervisionText).HasMaxLength(1000);
        b.Property(x => x.Version).IsRowVersion();
        b.Ignore(x => x.NeedsBureauAcceptance);
        b.Ignore(x => x.IsOpen);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.SchoolId, x.FoundOn });
        b.HasIndex(x => new { x.State, x.Deadline });
        b.HasIndex(x => new { x.Area, x.FoundOn });
        b.HasIndex(x => new { x.Grade, x.State });
        b.HasIndex(x => new { x.Source, x.FoundOn });
        b.HasIndex(x => x.FoundOn);
        b.HasIndex(x => x.EscalatedAt).HasFilter("\"EscalatedAt\" IS NOT NULL");
        b.HasIndex(x => x.SelfCheckId);
        b.HasIndex(x => x.InspectionId);
        b.HasIndex(x => new { x.CampaignId, x.State });
        b.HasIndex(x => x.NoticeId);
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SelfCheck>().WithMany().HasForeignKey(x => x.SelfCheckId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Inspection>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RectificationNotice>().WithMany().HasForeignKey(x => x.NoticeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<HazardCampaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.Steps, s =>
        {
            s.ToTable("HazardSteps");
            s.WithOwner().HasForeignKey("HazardId");
            s.Property(x => x.Id).UseIdentityByDefaultColumn();
            s.HasKey(x => x.Id);
            s.Property(x => x.ByUserId).HasMaxLength(64);
            s.Property(x => x.ByName).HasMaxLength(50).IsRequired();
            s.Property(x => x.Comment).HasMaxLength(1000);
        });
        b.OwnsMany(x => x.Photos, p =>
        {
            p.ToTable("HazardPhotos");
            p.WithOwner().HasForeignKey("HazardId");
            p.HasKey("HazardId", nameof(HazardPhoto.FileId));
            p.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
