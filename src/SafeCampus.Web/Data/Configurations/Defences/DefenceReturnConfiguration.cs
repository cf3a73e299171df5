using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class DefenceReturnConfiguration : IEntityTypeConfiguration<DefenceReturn>
{
    public void Configure(EntityTypeBuilder<DefenceReturn> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.UpdatedBy).HasMaxLength(64);
        b.Property(x => x.SubmittedBy).HasMaxLength(64);
        b.Property(x => x.ConfirmedBy).HasMaxLength(64);
        b.Property(x => x.ReviewedBy).HasMaxLength(64);
        b.Property(x => x.ReviewComment).HasMaxLength(1000);
        b.Property(x => x.ReopenReason).HasMaxLength(1000);
        b.Property(x => x.Version).IsRowVersion();
        b.Ignore(x => x.IsEditable);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.SchoolId, x.Month }).IsUnique();
        b.HasIndex(x => new { x.Month, x.State });
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.Values, v =>
        {
            v.ToTable("DefenceValues");
            v.WithOwner().HasForeignKey("ReturnId");
            v.HasKey("ReturnId", nameof(DefenceValue.Field));
            v.Property(x => x.Field).HasMaxLength(40);
            v.Property(x => x.Value).HasPrecision(12, 2);
        });
    }
}
