using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Interceptors;

/// <summary>Adds an <see cref="AuditEntry"/> for every change to an <see cref="IAuditable"/> entity, in the same save.</summary>
public sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly HashSet<string> Secret = new(StringComparer.Ordinal)
    {
        nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp),
        nameof(NoticeReceipt.TokenProtected), // the parent's link, encrypted: never copied into the trail
    };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is not AppDbContext db)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.Entity is IAuditable && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        foreach (var entry in entries)
        {
            var changed = entry.State == EntityState.Modified
                ? entry.Properties.Where(p => p.IsModified && !Secret.Contains(p.Metadata.Name)).ToList()
                : entry.Properties.Where(p => !Secret.Contains(p.Metadata.Name)).ToList();
            if (entry.State == EntityState.Modified && changed.Count == 0)
            {
                continue;
            }

            db.AuditEntries.Add(new AuditEntry
            {
                At = now,
                UserId = db.Scope.UserId,
                UserName = db.Scope.UserName,
                ScopePath = (entry.Entity as ITenantOwned)?.ScopePath,
                Entity = entry.Metadata.ClrType.Name,
                EntityKey = string.Join(",", entry.Properties.Where(p => p.Metadata.IsPrimaryKey()).Select(p => p.CurrentValue)),
                Action = entry.State switch
                {
                    EntityState.Added => "insert",
                    EntityState.Deleted => "delete",
                    _ => "update",
                },
                Before = entry.State == EntityState.Added ? null : Json(changed, p => p.OriginalValue),
                After = entry.State == EntityState.Deleted ? null : Json(changed, p => p.CurrentValue),
            });
        }
    }

    private static string Json(IEnumerable<PropertyEntry> properties, Func<PropertyEntry, object?> value) =>
        JsonSerializer.Serialize(properties.ToDictionary(p => p.Metadata.Name, p => value(p) is byte[] bytes ? $"({bytes.Length} bytes)" : value(p)));
}
