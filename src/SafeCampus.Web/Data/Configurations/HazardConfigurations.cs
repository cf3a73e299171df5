using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class ChecklistTemplateConfiguration : IEntityTypeConfiguration<ChecklistTemplate>
{
    public void Configure(EntityTypeBuilder<ChecklistTemplate> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Name).HasMaxLength(60).IsRequired();
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.Ignore(x => x.Areas);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.BureauId, x.Version }).IsUnique();
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.Items, i =>
        {
            i.ToTable("ChecklistItems");
            i.WithOwner().HasForeignKey("TemplateId");
            i.Property(x => x.Id).UseIdentityByDefaultColumn();
            i.HasKey(x => x.Id);
            i.Property(x => x.Area).HasMaxLength(30).IsRequired();
            i.Property(x => x.Text).HasMaxLength(200).IsRequired();
        });
    }
}

public sealed class HazardSettingsConfiguration : IEntityTypeConfiguration<HazardSettings>
{
    public void Configure(EntityTypeBuilder<HazardSettings> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.NoticePrefix).HasMaxLength(12);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => x.BureauId).IsUnique();
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class NoticeCounterConfiguration : IEntityTypeConfiguration<NoticeCounter>
{
    public void Configure(EntityTypeBuilder<NoticeCounter> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.BureauId, x.Year }).IsUnique();
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
    }
}

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

public sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Team).HasMaxLength(200).IsRequired();
        b.Property(x => x.Summary).HasMaxLength(2000);
        b.Property(x => x.CreatedBy).HasMaxLength(50);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.SchoolId, x.Date });
        b.HasIndex(x => x.BureauId);
        b.HasIndex(x => x.InspectorSchoolId);
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<School>().WithMany().HasForeignKey(x => x.InspectorSchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RectificationNoticeConfiguration : IEntityTypeConfiguration<RectificationNotice>
{
    public void Configure(EntityTypeBuilder<RectificationNotice> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Number).HasMaxLength(40).IsRequired();
        b.Property(x => x.IssuedBy).HasMaxLength(50).IsRequired();
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.BureauId, x.Year, x.Sequence }).IsUnique();
        b.HasIndex(x => x.InspectionId).IsUnique();
        b.HasIndex(x => x.SchoolId);
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Inspection>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class HazardCampaignConfiguration : IEntityTypeConfiguration<HazardCampaign>
{
    public void Configure(EntityTypeBuilder<HazardCampaign> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Name).HasMaxLength(60).IsRequired();
        b.Property(x => x.CreatedBy).HasMaxLength(50);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => x.BureauId);
        b.HasIndex(x => x.TemplateId);
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ChecklistTemplate>().WithMany().HasForeignKey(x => x.TemplateId).OnDelete(DeleteBehavior.Restrict);
    }
}

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

public sealed class CrossInspectionAssignmentConfiguration : IEntityTypeConfiguration<CrossInspectionAssignment>
{
    public void Configure(EntityTypeBuilder<CrossInspectionAssignment> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Note).HasMaxLength(500);
        b.Property(x => x.CreatedBy).HasMaxLength(50);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => x.BureauId);
        b.HasIndex(x => x.InspectorSchoolId);
        b.HasIndex(x => x.TargetSchoolId);
        b.HasIndex(x => x.InspectionId).IsUnique();
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<School>().WithMany().HasForeignKey(x => x.InspectorSchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<School>().WithMany().HasForeignKey(x => x.TargetSchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Inspection>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Restrict);
    }
}
