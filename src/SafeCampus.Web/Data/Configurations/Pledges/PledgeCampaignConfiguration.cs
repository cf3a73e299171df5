using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class PledgeCampaignConfiguration : IEntityTypeConfiguration<PledgeCampaign>
{
    public void Configure(EntityTypeBuilder<PledgeCampaign> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Title).HasMaxLength(100).IsRequired();
        b.Property(x => x.SchoolYear).HasMaxLength(30).IsRequired();
        b.Property(x => x.ReminderDays).HasMaxLength(30).IsRequired();
        b.Property(x => x.LaunchedBy).HasMaxLength(64);
        b.Property(x => x.WithdrawnBy).HasMaxLength(64);
        b.Property(x => x.WithdrawReason).HasMaxLength(200);
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
