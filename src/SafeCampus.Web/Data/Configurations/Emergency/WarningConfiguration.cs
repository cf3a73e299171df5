using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

public sealed class WarningConfiguration : IEntityTypeConfiguration<Warning>
{
    public void Configure(EntityTypeBuilder<Warning> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Title).HasMaxLength(60).IsRequired();
        b.Property(x => x.Text).HasMaxLength(4000).IsRequired();
        b.Property(x => x.RequiredActions).HasMaxLength(2000).IsRequired();
        b.Property(x => x.IssuedByUserId).HasMaxLength(64).IsRequired();
        b.Property(x => x.IssuedBy).HasMaxLength(50).IsRequired();
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.BureauId, x.IssuedAt });
        b.HasIndex(x => x.IssuedAt);
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.Attachments, a =>
        {
            a.ToTable("WarningAttachments");
            a.WithOwner().HasForeignKey("WarningId");
            a.HasKey("WarningId", nameof(WarningAttachment.FileId));
            a.Property(x => x.FileName).HasMaxLength(200).IsRequired();
            a.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

public sealed class WarningRecipientConfiguration : IEntityTypeConfiguration<WarningRecipient>
{
    public void Configure(EntityTypeBuilder<WarningRecipient> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.ReadBy).HasMaxLength(50);
        b.Property(x => x.RepliedBy).HasMaxLength(50);
        b.Property(x => x.ReplyText).HasMaxLength(2000);
        b.Property(x => x.Version).IsRowVersion();
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");

        // One copy per school and warning: the fan-out is idempotent, whoever runs it and however often.
        b.HasIndex(x => new { x.WarningId, x.SchoolId }).IsUnique();
        b.HasIndex(x => new { x.SchoolId, x.ReadAt });
        b.HasIndex(x => new { x.BureauId, x.WarningId });
        b.HasOne<Warning>().WithMany().HasForeignKey(x => x.WarningId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.Photos, p =>
        {
            p.ToTable("WarningReplyPhotos");
            p.WithOwner().HasForeignKey("RecipientId");
            p.HasKey("RecipientId", nameof(WarningReplyPhoto.FileId));
            p.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

public sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Place).HasMaxLength(100).IsRequired();
        b.Property(x => x.Summary).HasMaxLength(2000).IsRequired();
        b.Property(x => x.Measures).HasMaxLength(2000).IsRequired();
        b.Property(x => x.Reporter).HasMaxLength(50).IsRequired();
        b.Property(x => x.ReporterPhone).HasMaxLength(30);
        b.Property(x => x.UnreportedNote).HasMaxLength(500);
        b.Property(x => x.Version).IsRowVersion();
        b.Ignore(x => x.MinutesToReport);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => x.OccurredAt);
        b.HasIndex(x => new { x.SchoolId, x.State });
        b.HasIndex(x => new { x.BureauId, x.OccurredAt });
        b.HasIndex(x => new { x.Kind, x.OccurredAt });
        b.HasIndex(x => x.OccurredAt).HasFilter("\"IsLate\" OR \"Unreported\"").HasDatabaseName("IX_Incidents_Flagged");
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.Entries, e =>
        {
            e.ToTable("IncidentEntries");
            e.WithOwner().HasForeignKey("IncidentId");
            e.Property(x => x.Id).UseIdentityByDefaultColumn();
            e.HasKey(x => x.Id);
            e.HasIndex("IncidentId", nameof(IncidentEntry.Seq)).IsUnique();
            e.Property(x => x.ByUserId).HasMaxLength(64).IsRequired();
            e.Property(x => x.ByName).HasMaxLength(50).IsRequired();
            e.Property(x => x.Text).HasMaxLength(2000).IsRequired();
            e.Property(x => x.Measures).HasMaxLength(2000);
        });
    }
}

public sealed class WarningSmsConfiguration : IEntityTypeConfiguration<WarningSms>
{
    public void Configure(EntityTypeBuilder<WarningSms> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.UserId).HasMaxLength(64).IsRequired();
        b.Property(x => x.Phone).HasMaxLength(30).IsRequired();
        b.Property(x => x.Text).HasMaxLength(300).IsRequired();
        b.Property(x => x.ProviderMessageId).HasMaxLength(100);
        b.Property(x => x.Error).HasMaxLength(200);
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");

        // One message per warning and person, however often the fan-out runs.
        b.HasIndex(x => new { x.WarningId, x.UserId }).IsUnique();
        b.HasIndex(x => new { x.State, x.CreatedAt }).HasFilter("\"State\" IN (1, 2)");
        b.HasOne<Warning>().WithMany().HasForeignKey(x => x.WarningId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ActivityConfiguration : IEntityTypeConfiguration<LargeActivity>
{
    public void Configure(EntityTypeBuilder<LargeActivity> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Title).HasMaxLength(60).IsRequired();
        b.Property(x => x.Place).HasMaxLength(100).IsRequired();
        b.Property(x => x.Transport).HasMaxLength(200).IsRequired();
        b.Property(x => x.Vehicle).HasMaxLength(100);
        b.Property(x => x.Driver).HasMaxLength(100);
        b.Property(x => x.Insurance).HasMaxLength(200).IsRequired();
        b.Property(x => x.SafetyPlanFileName).HasMaxLength(200).IsRequired();
        b.Property(x => x.SubmittedBy).HasMaxLength(50).IsRequired();
        b.Property(x => x.ReviewedBy).HasMaxLength(50);
        b.Property(x => x.ReviewComment).HasMaxLength(500);
        b.Property(x => x.Summary).HasMaxLength(1000);
        b.Property(x => x.Version).IsRowVersion();
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.SchoolId, x.Date });
        b.HasIndex(x => new { x.State, x.Date });
        b.HasIndex(x => x.Date);
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.SafetyPlanFileId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class DutyRosterConfiguration : IEntityTypeConfiguration<DutyRoster>
{
    public void Configure(EntityTypeBuilder<DutyRoster> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Title).HasMaxLength(60).IsRequired();
        b.Property(x => x.PublishedBy).HasMaxLength(50).IsRequired();
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(x => new { x.From, x.To });
        b.HasIndex(x => new { x.SchoolId, x.From });
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Bureau>().WithMany().HasForeignKey(x => x.BureauId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.Shifts, s =>
        {
            s.ToTable("DutyShifts");
            s.WithOwner().HasForeignKey("RosterId");
            s.Property(x => x.Id).UseIdentityByDefaultColumn();
            s.HasKey(x => x.Id);
            s.HasIndex("RosterId", nameof(DutyShift.Date), nameof(DutyShift.Kind)).IsUnique();
            s.HasIndex(x => x.Date);
            s.Property(x => x.Person).HasMaxLength(50).IsRequired();
            s.Property(x => x.Phone).HasMaxLength(30);
            s.Property(x => x.Leader).HasMaxLength(50);
        });
    }
}

public sealed class DutyLogConfiguration : IEntityTypeConfiguration<DutyLog>
{
    public void Configure(EntityTypeBuilder<DutyLog> b)
    {
        b.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
        b.Property(x => x.Rounds).HasMaxLength(1000);
        b.Property(x => x.Events).HasMaxLength(1000);
        b.Property(x => x.RecordedBy).HasMaxLength(50).IsRequired();
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");

        // One log per roster and day: a resent form finds the day recorded.
        b.HasIndex(x => new { x.RosterId, x.Date }).IsUnique();
        b.HasOne<DutyRoster>().WithMany().HasForeignKey(x => x.RosterId).OnDelete(DeleteBehavior.Restrict);
    }
}
