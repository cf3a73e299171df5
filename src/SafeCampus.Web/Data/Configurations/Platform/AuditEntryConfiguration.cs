using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Configurations;

/// <summary>
/// The table is partitioned by month in SQL (migration AuditChain): a partitioned table's key must contain the
/// partition column, hence (Id, At), and its ids come from a sequence (PostgreSQL 15 has no identity columns on
/// partitioned tables).
/// </summary>
public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasKey(x => new { x.Id, x.At });
        b.Property(x => x.Id).UseSerialColumn();
        b.Property(x => x.Entity).HasMaxLength(100).IsRequired();
        b.Property(x => x.EntityKey).HasMaxLength(100).IsRequired();
        b.Property(x => x.Action).HasMaxLength(20).IsRequired();
        b.Property(x => x.UserId).HasMaxLength(64);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.ScopePath).HasMaxLength(400);
        b.Property(x => x.Before).HasColumnType("jsonb");
        b.Property(x => x.After).HasColumnType("jsonb");
        b.HasIndex(x => new { x.Entity, x.EntityKey });
        b.HasIndex(x => x.At);
        // The sealer and the verifier walk a month by position.
        b.HasIndex(x => x.Seq);
        // The audit page: a subtree's entries (prefix match on the scope path, whatever the database's collation).
        b.HasIndex(x => x.ScopePath).HasOperators("text_pattern_ops");
        // The sealer's queue.
        b.HasIndex(x => x.Id).HasFilter("\"Hash\" IS NULL").HasDatabaseName("IX_AuditEntries_Unsealed");
    }
}

public sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> b)
    {
        b.HasKey(x => new { x.Month, x.Seq });
    }
}
