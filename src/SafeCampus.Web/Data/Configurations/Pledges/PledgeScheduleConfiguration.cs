using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

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
