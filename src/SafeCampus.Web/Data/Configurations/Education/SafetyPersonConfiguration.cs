using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class SafetyPersonConfiguration : IEntityTypeConfiguration<SafetyPerson>
{
    public void Configure(EntityTypeBuilder<SafetyPerson> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Name).HasMaxLength(30).IsRequired();
        b.Property(x => x.Phone).HasMaxLength(11);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.SchoolId, x.IsActive });

        // One active holder per post and school; the check-in lookup by phone.
        b.HasIndex(x => new { x.SchoolId, x.PostId }).IsUnique().HasFilter("\"PostId\" IS NOT NULL AND \"IsActive\"");
        b.HasIndex(x => x.Phone).HasFilter("\"Phone\" IS NOT NULL AND \"IsActive\"");
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SafetyPost>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Restrict);
    }
}
