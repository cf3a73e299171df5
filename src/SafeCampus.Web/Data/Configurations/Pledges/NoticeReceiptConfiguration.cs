using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

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
