using Microsoft.EntityFrameworkCore;

namespace SafeCampus.Web.Data;

/// <summary>
/// The one way to run a unit of work in an explicit transaction. The context's execution strategy retries on a
/// transient fault (PostgreSQL restarting, a failover, a broken pooled connection), and a retry must redo the whole
/// unit — its reads included — on a fresh connection: so the work loads what it changes itself, and the
/// change tracker is emptied before every attempt and after a failed one (nothing half-done is saved later in the
/// scope). A unit that is retried after its commit's answer was lost would run twice: every unit here either writes
/// under a unique key (the second attempt is refused) or is safe to repeat.
/// </summary>
public static class Transactions
{
    public static Task<T> InTransactionAsync<T>(this AppDbContext db, Func<Task<T>> work, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(token);
            try
            {
                var result = await work();
                await tx.CommitAsync(token);
                return result;
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
        }, ct);

    public static Task InTransactionAsync(this AppDbContext db, Func<Task> work, CancellationToken ct) =>
        db.InTransactionAsync(async () =>
        {
            await work();
            return true;
        }, ct);
}
