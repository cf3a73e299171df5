using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class BureauConfiguration : IEntityTypeConfiguration<Bureau>
{
    public void Configure(EntityTypeBuilder<Bureau> b)
    {
        b.Ignore(x => x.ScopePath);
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.Property(x => x.ShortName).HasMaxLength(30);
        b.Property(x => x.Path).HasMaxLength(400).IsRequired();
        b.HasIndex(x => x.Path).IsUnique().HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.ParentId, x.Name }).IsUnique();
        b.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
