using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace SafeCampus.Web.Data;

/// <summary>Which exceptions mean "the database is unreachable or restarting" rather than a fault of the request.</summary>
public static class DatabaseFaults
{
    public static bool IsOutage(Exception ex) => ex switch
    {
        NpgsqlException { IsTransient: true } => true,
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "55000" or "53300" or "08006" or "08001" or "08003" or "08004" } => true,
        NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException } => true,
        TimeoutException => true,
        InvalidOperationException { InnerException: { } inner } => IsOutage(inner),
        Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException { InnerException: { } inner } => IsOutage(inner),
        DbException { InnerException: { } inner } => IsOutage(inner),
        _ => false,
    };
}

/// <summary>
/// On an unhandled exception that means the database went away (restart, failover): every pool is cleared, so the
/// connections it broke are not handed to the next requests one by one. Handles nothing itself: the Chinese error
/// page still answers.
/// </summary>
public sealed class DatabaseOutageHandler(NpgsqlDataSource source, ILogger<DatabaseOutageHandler> log) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (DatabaseFaults.IsOutage(exception))
        {
            log.LogWarning("Database unreachable during {Path}: connection pools cleared", httpContext.Request.Path);
            NpgsqlConnection.ClearAllPools();
            source.Clear();
        }

        return ValueTask.FromResult(false);
    }
}

/// <summary>
/// EF Core's retrying strategy for PostgreSQL, told about the faults a restart causes (<see cref="DatabaseFaults.IsOutage"/>:
/// "terminating connection due to administrator command", "the database system is starting up", refused and broken
/// connections) and clearing the pools when it sees one: after a restart every idle pooled connection is dead, and
/// without clearing each retry would draw the next dead one. Up to <see cref="MaxRetries"/> retries with exponential
/// back-off capped at <see cref="MaxDelay"/>, about 20 s in all: enough for a restart or a failover, short enough that a
/// request still answers while the user waits.
/// </summary>
public sealed class OutageRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies, NpgsqlDataSource source)
    : Npgsql.EntityFrameworkCore.PostgreSQL.NpgsqlRetryingExecutionStrategy(dependencies, MaxRetries, MaxDelay, errorCodesToAdd: null)
{
    public const int MaxRetries = 6;
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    protected override bool ShouldRetryOn(Exception? exception)
    {
        if (exception is not null && DatabaseFaults.IsOutage(exception))
        {
            NpgsqlConnection.ClearAllPools();
            source.Clear();
            return true;
        }

        return base.ShouldRetryOn(exception);
    }
}

/// <summary>
/// The same rule for the hand-written statements of the hot paths (ADR 13), which run outside EF Core: a statement
/// that meets a database outage is run again after the pools are cleared, with the same back-off budget as
/// <see cref="OutageRetryingExecutionStrategy"/>. Only for statements that are safe to repeat (a read, an insert
/// with ON CONFLICT, an update guarded by its own WHERE): a repeat after a lost commit answer changes nothing.
/// </summary>
public static class HandWrittenStatements
{
    public static async Task<T> RetryOnOutageAsync<T>(this NpgsqlDataSource source, Func<Task<T>> statement, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await statement();
            }
            catch (Exception e) when (attempt <= OutageRetryingExecutionStrategy.MaxRetries && !ct.IsCancellationRequested && DatabaseFaults.IsOutage(e))
            {
                NpgsqlConnection.ClearAllPools();
                source.Clear();
                var delay = Math.Min(250 * (1 << (attempt - 1)), (int)OutageRetryingExecutionStrategy.MaxDelay.TotalMilliseconds);
                await Task.Delay(delay + Random.Shared.Next(100), ct);
            }
        }
    }
}
