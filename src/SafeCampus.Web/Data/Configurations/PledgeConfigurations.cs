using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class PledgeTemplateConfiguration : IEntityTypeConfiguration<PledgeTemplate>
{
    public void Configure(EntityTypeBuilder<PledgeTemplate> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.Property(x => x.Version).IsRowVersion();
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.BureauId, x.Kind });
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PledgeTemplateVersionConfiguration : IEntityTypeConfiguration<PledgeTemplateVersion>
{
    public void Configure(EntityTypeBuilder<PledgeTemplateVersion> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Title).HasMaxLength(100).IsRequired();
        b.Property(x => x.Body).HasMaxLength(PledgeTemplate.MaxBody).IsRequired();
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.TemplateId, x.Number }).IsUnique();
        b.HasOne<PledgeTemplate>().WithMany().HasForeignKey(x => x.TemplateId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PledgeCampaignConfiguration : IEntityTypeConfiguration<PledgeCampaign>
{
    public void Configure(EntityTypeBuilder<PledgeCampaign> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Title).HasMaxLength(100).IsRequired();
        b.Property(x => x.SchoolYear).HasMaxLength(30).IsRequired();
        b.Property(x => x.ReminderDays).HasMaxLength(30).IsRequired();
        b.Property(x => x.LaunchedBy).HasMaxLength(64);
        b.Ignore(x => x.Reminders);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => x.Deadline);
        b.HasIndex(x => new { x.ScheduleId, x.LaunchedAt });
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PledgeTemplateVersion>().WithMany().HasForeignKey(x => x.PrincipalVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PledgeTemplateVersion>().WithMany().HasForeignKey(x => x.StaffVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PledgeTemplateVersion>().WithMany().HasForeignKey(x => x.ParentVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PledgeCampaignSchoolConfiguration : IEntityTypeConfiguration<PledgeCampaignSchool>
{
    public void Configure(EntityTypeBuilder<PledgeCampaignSchool> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.PassedOnBy).HasMaxLength(64);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.CampaignId, x.SchoolId }).IsUnique();
        b.HasIndex(x => x.SchoolId);
        b.HasOne<PledgeCampaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PledgeSignatureConfiguration : IEntityTypeConfiguration<PledgeSignature>
{
    public void Configure(EntityTypeBuilder<PledgeSignature> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.UserId).HasMaxLength(450).IsRequired();
        b.Property(x => x.SignerName).HasMaxLength(64);
        b.Property(x => x.SignerRole).HasMaxLength(30);
        b.Property(x => x.SchoolName).HasMaxLength(100);
        b.Property(x => x.SignedText).HasMaxLength(PledgeTemplate.MaxBody + 2000);
        b.Property(x => x.TextSha256).HasMaxLength(64).IsFixedLength();
        b.Property(x => x.VerificationCode).HasMaxLength(12).IsFixedLength();
        b.Property(x => x.Ip).HasMaxLength(64);
        b.Property(x => x.UserAgent).HasMaxLength(300);
        b.Property(x => x.Drawing).HasMaxLength(PledgeSignature.MaxDrawing);
        b.Ignore(x => x.IsSigned);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.CampaignId, x.UserId, x.Layer }).IsUnique();
        b.HasIndex(x => new { x.CampaignId, x.SchoolId, x.Layer });
        b.HasIndex(x => new { x.UserId, x.SignedAt });
        b.HasIndex(x => x.VerificationCode).IsUnique();
        b.HasOne<PledgeCampaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PledgeTemplateVersion>().WithMany().HasForeignKey(x => x.VersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class NoticeReceiptConfiguration : IEntityTypeConfiguration<NoticeReceipt>
{
    public void Configure(EntityTypeBuilder<NoticeReceipt> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.ClassName).HasMaxLength(30).IsRequired();
        b.Property(x => x.StudentName).HasMaxLength(30).IsRequired();
        b.Property(x => x.GuardianName).HasMaxLength(30);
        b.Property(x => x.TokenHash).IsRequired();
        b.Property(x => x.TokenProtected).HasMaxLength(400).IsRequired();
        b.Property(x => x.AckName).HasMaxLength(30);
        b.Property(x => x.AckRelationship).HasMaxLength(10);
        b.Property(x => x.AckIp).HasMaxLength(64);
        b.Property(x => x.AckDevice).HasMaxLength(32);
        b.Property(x => x.AckUserAgent).HasMaxLength(300);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasIndex(x => new { x.CampaignId, x.SchoolId, x.ClassName, x.StudentName }).IsUnique();
        b.HasIndex(x => new { x.SchoolId, x.AckIp, x.AcknowledgedAt });
        b.HasIndex(x => new { x.SchoolId, x.AckDevice, x.AcknowledgedAt });
        b.HasOne<PledgeCampaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PledgeScheduleConfiguration : IEntityTypeConfiguration<PledgeSchedule>
{
    public void Configure(EntityTypeBuilder<PledgeSchedule> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Title).HasMaxLength(100).IsRequired();
        b.Property(x => x.ReminderDays).HasMaxLength(30).IsRequired();
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => x.BureauId);
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PledgeTemplate>().WithMany().HasForeignKey(x => x.PrincipalTemplateId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PledgeTemplate>().WithMany().HasForeignKey(x => x.StaffTemplateId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PledgeTemplate>().WithMany().HasForeignKey(x => x.ParentTemplateId).OnDelete(DeleteBehavior.Restrict);
    }
}
