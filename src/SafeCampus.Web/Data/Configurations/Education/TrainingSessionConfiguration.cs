using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class TrainingSessionConfiguration : IEntityTypeConfiguration<TrainingSession>
{
    public void Configure(EntityTypeBuilder<TrainingSession> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.OrganiserName).HasMaxLength(100).IsRequired();
        b.Property(x => x.Topic).HasMaxLength(100).IsRequired();
        b.Property(x => x.Trainer).HasMaxLength(50).IsRequired();
        b.Property(x => x.Hours).HasPrecision(4, 1);
        b.Property(x => x.CheckInTokenHash).IsRequired();
        b.Property(x => x.CheckInTokenProtected).HasMaxLength(400).IsRequired();
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => x.CheckInTokenHash).IsUnique();
        b.HasIndex(x => x.Date);
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}
