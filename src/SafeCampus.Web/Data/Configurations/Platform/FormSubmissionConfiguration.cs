using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class FormSubmissionConfiguration : IEntityTypeConfiguration<FormSubmission>
{
    public void Configure(EntityTypeBuilder<FormSubmission> b)
    {
        b.HasKey(x => x.Key);
        b.Property(x => x.UserId).HasMaxLength(64).IsRequired();
        b.Property(x => x.Location).HasMaxLength(2000);
        b.HasIndex(x => x.CreatedAt);
    }
}
