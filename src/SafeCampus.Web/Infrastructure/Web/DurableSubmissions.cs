using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Infrastructure.Scheduling;

namespace SafeCampus.Web.Infrastructure.Web;

/// <summary>
/// Makes a resent form post harmless. wwwroot/js/durable-forms.js gives each post of a durable form a submission key
/// (<see cref="Field"/>) and resends the same post when the answer is lost on a weak signal. Here the first post with a
/// key claims it and runs; if it redirects (success), the target is recorded and every resend is redirected there
/// without running again; if it does not (validation errors, failure), the claim is dropped so a corrected post can run.
/// A resend that arrives while the first is still running gets 409 and is retried by the script; a claim left
/// unanswered by a request that died with its node is taken over after <see cref="AbandonedAfter"/>.
/// </summary>
public sealed class DurableSubmissionMiddleware(RequestDelegate next)
{
    public const string Field = "__submission";

    /// <summary>Longer than any request runs (uploads included), so a live first post is never taken over.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    // The DbContext is resolved only for a durable post: creating one costs more than most anonymous requests
    // (the parents' receipt page) cost in total.
    public async Task InvokeAsync(HttpContext http, TimeProvider clock)
    {
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        // A post that failed antiforgery validation is left to the endpoint, which refuses it; reading its form
        // here would throw.
        var antiforgery = http.Features.Get<IAntiforgeryValidationFeature>();
        if (!HttpMethods.IsPost(http.Request.Method) || userId is null || antiforgery is { IsValid: false }
            || !http.Request.HasFormContentType)
        {
            await next(http);
            return;
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!Guid.TryParse(form[Field], out var key))
        {
            await next(http);
            return;
        }

        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        // A claim still unanswered after AbandonedAfter belongs to a request that died with its node (kill -9, a
        // restart): the resend takes it over instead of waiting for an answer that will never come.
        var abandoned = now - AbandonedAfter;
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO "FormSubmissions" ("Key", "UserId", "CreatedAt") VALUES ({key}, {userId}, {now})
            ON CONFLICT ("Key") DO UPDATE SET "CreatedAt" = EXCLUDED."CreatedAt"
            WHERE "FormSubmissions"."Location" IS NULL AND "FormSubmissions"."UserId" = EXCLUDED."UserId" AND "FormSubmissions"."CreatedAt" < {abandoned}
            """,
            http.RequestAborted);
        if (claimed == 0)
        {
            var earlier = await db.FormSubmissions.AsNoTracking().Where(s => s.Key == key)
                .Select(s => new { s.UserId, s.Location }).SingleOrDefaultAsync(http.RequestAborted);
            if (earlier is { Location: { } location } && earlier.UserId == userId)
            {
                http.Response.Redirect(location);
                return;
            }

            http.Response.StatusCode = StatusCodes.Status409Conflict;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(WebText.SubmissionInProgress, http.RequestAborted);
            return;
        }

        var succeeded = false;
        try
        {
            await next(http);
            succeeded = http.Response.StatusCode is >= 300 and < 400 && http.Response.Headers.Location.Count > 0;
        }
        finally
        {
            // Not the request's token: the answer may be lost, the bookkeeping must not be.
            if (succeeded)
            {
                string location = http.Response.Headers.Location!;
                await db.FormSubmissions.Where(s => s.Key == key)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.Location, location), CancellationToken.None);
            }
            else
            {
                await db.FormSubmissions.Where(s => s.Key == key).ExecuteDeleteAsync(CancellationToken.None);
            }
        }
    }
}

/// <summary>Nightly: submission keys older than a week are dropped; no phone resends a post that late.</summary>
public sealed class SubmissionHousekeepingJob(AppDbContext db, TimeProvider clock) : IScheduledJob
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(7);

    public async Task ExecuteAsync(CancellationToken cancellationToken) =>
        await RunAsync(cancellationToken);

    public Task<int> RunAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - KeepFor;
        return db.FormSubmissions.Where(s => s.CreatedAt < before).ExecuteDeleteAsync(ct);
    }
}

public static class DurableSubmissions
{
    public static IHostApplicationBuilder AddDurableSubmissions(this IHostApplicationBuilder builder) =>
        builder.AddJob<SubmissionHousekeepingJob>("submission-housekeeping", "40 2 * * *");
}
