using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class ChecklistTemplateConfiguration : IEntityTypeConfiguration<ChecklistTemplate>
{
    public void Configure(EntityTypeBuilder<ChecklistTemplate> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Name).HasMaxLength(60).IsRequired();
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.Ignore(x => x.Areas);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.BureauId, x.Version }).IsUnique();
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.Items, i =>
        {
            i.ToTable("ChecklistItems");
            i.WithOwner().HasForeignKey("TemplateId");
            i.Property(x => x.Id).UseIdentityByDefaultColumn();
            i.HasKey(x => x.Id);
            i.Property(x => x.Area).HasMaxLength(30).IsRequired();
            i.Property(x => x.Text).HasMaxLength(200).IsRequired();
        });
    }
}
