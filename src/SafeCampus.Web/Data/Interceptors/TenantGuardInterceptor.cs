using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Data.Interceptors;

/// <summary>Refuses to save any tenant-owned row, new or old state, that lies outside the current scope.</summary>
public sealed class TenantGuardInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is not AppDbContext db)
        {
            return;
        }

        foreach (var entry in db.ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var column = entry.Metadata.FindProperty(nameof(ITenantOwned.ScopePath)) is not null
                ? nameof(ITenantOwned.ScopePath)
                : nameof(Bureau.Path);
            var property = entry.Property(column);
            var current = (string?)property.CurrentValue ?? "";
            var original = entry.State == EntityState.Added ? current : (string?)property.OriginalValue ?? "";
            var allowed = entry.State == EntityState.Added
                ? db.Scope.MayInsert(current, entry.Metadata.ClrType)
                : db.Scope.Covers(current) && db.Scope.Covers(original);
            if (!db.Scope.IsSet || !allowed)
            {
                throw new TenantViolationException(
                    $"{entry.Metadata.ClrType.Name} at '{original}' → '{current}' is outside scope '{db.Scope.Path ?? "(none)"}'.");
            }
        }
    }
}
