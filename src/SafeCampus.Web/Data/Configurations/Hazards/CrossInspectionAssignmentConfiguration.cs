using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class CrossInspectionAssignmentConfiguration : IEntityTypeConfiguration<CrossInspectionAssignment>
{
    public void Configure(EntityTypeBuilder<CrossInspectionAssignment> b)
    {
        b.Property(x => x.WithdrawnBy).HasMaxLength(64);
        b.Property(x => x.WithdrawReason).HasMaxLength(200);
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
