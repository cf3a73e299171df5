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

public sealed class SchoolConfiguration : IEntityTypeConfiguration<School>
{
    public void Configure(EntityTypeBuilder<School> b)
    {
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.Property(x => x.Address).HasMaxLength(200);
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Version).IsRowVersion();
        b.HasIndex(x => x.ScopePath).IsUnique().HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.BureauId, x.Name }).IsUnique();
        b.HasIndex(x => x.DistrictId);
        b.HasIndex(x => x.Kind);
        b.HasOne(x => x.Bureau).WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class SafetyDistrictConfiguration : IEntityTypeConfiguration<SafetyDistrict>
{
    public void Configure(EntityTypeBuilder<SafetyDistrict> b)
    {
        b.Property(x => x.Name).HasMaxLength(50).IsRequired();
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.BureauId, x.Name }).IsUnique();
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Liaison).WithMany().HasForeignKey(x => x.LiaisonUserId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(x => x.FullName).HasMaxLength(50).IsRequired();
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => x.SchoolId);
        b.HasIndex(x => x.BureauId);
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}
