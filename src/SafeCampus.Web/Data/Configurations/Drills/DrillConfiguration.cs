using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class DrillConfiguration : IEntityTypeConfiguration<Drill>
{
    public void Configure(EntityTypeBuilder<Drill> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Scenario).HasMaxLength(200).IsRequired();
        b.Property(x => x.Location).HasMaxLength(100);
        b.Property(x => x.Organiser).HasMaxLength(50).IsRequired();
        b.Property(x => x.PlanText).HasMaxLength(8000);
        b.Property(x => x.Summary).HasMaxLength(4000);
        b.Property(x => x.Improvements).HasMaxLength(4000);
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.Property(x => x.SubmittedBy).HasMaxLength(64);
        b.Property(x => x.ReviewedBy).HasMaxLength(64);
        b.Property(x => x.ReviewComment).HasMaxLength(1000);
        b.Property(x => x.Version).IsRowVersion();
        b.Ignore(x => x.ParticipationRate);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.SchoolId, x.Date });
        b.HasIndex(x => new { x.State, x.Date });
        b.HasIndex(x => x.KindId);
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Kind).WithMany().HasForeignKey(x => x.KindId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.PlanFileId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.Findings, f =>
        {
            f.ToTable("DrillFindings");
            f.WithOwner().HasForeignKey("DrillId");
            f.Property<int>("Id");
            f.HasKey("Id");
            f.Property(x => x.Text).HasMaxLength(500).IsRequired();
        });
        b.OwnsMany(x => x.Photos, p =>
        {
            p.ToTable("DrillPhotos");
            p.WithOwner().HasForeignKey("DrillId");
            p.HasKey("DrillId", nameof(DrillPhoto.FileId));
            p.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
