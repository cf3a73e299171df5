using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class DefenceReportConfiguration : IEntityTypeConfiguration<DefenceReport>
{
    public void Configure(EntityTypeBuilder<DefenceReport> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.RequestedBy).HasMaxLength(64);
        b.Property(x => x.Error).HasMaxLength(1000);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.BureauId, x.Month });
        b.HasIndex(x => new { x.BureauId, x.Month, x.Automatic }).IsUnique().HasFilter("\"Automatic\"").HasDatabaseName("IX_DefenceReports_Automatic");
        b.HasIndex(x => x.State).HasFilter("\"State\" IN (1, 2)");
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}
