using System.Data.Common;
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
