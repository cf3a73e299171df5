using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class PledgeSignatureConfiguration : IEntityTypeConfiguration<PledgeSignature>
{
    public void Configure(EntityTypeBuilder<PledgeSignature> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.UserId).HasMaxLength(450).IsRequired();
        b.Property(x => x.SignerName).HasMaxLength(64);
        b.Property(x => x.SignerRole).HasMaxLength(30);
        b.Property(x => x.SchoolName).HasMaxLength(100);
        b.Property(x => x.SignedText).HasMaxLength(PledgeTemplate.MaxBody + 2000);
        b.Property(x => x.TextSha256).HasMaxLength(64).IsFixedLength();
        b.Property(x => x.VerificationCode).HasMaxLength(12).IsFixedLength();
        b.Property(x => x.Ip).HasMaxLength(64);
        b.Property(x => x.UserAgent).HasMaxLength(300);
        b.Property(x => x.Drawing).HasMaxLength(PledgeSignature.MaxDrawing);
        b.Ignore(x => x.IsSigned);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.CampaignId, x.UserId, x.Layer }).IsUnique();
        b.HasIndex(x => new { x.CampaignId, x.SchoolId, x.Layer });
        b.HasIndex(x => new { x.UserId, x.SignedAt });
        b.HasIndex(x => x.VerificationCode).IsUnique();
        b.HasOne<PledgeCampaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PledgeTemplateVersion>().WithMany().HasForeignKey(x => x.VersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
