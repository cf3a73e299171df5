using System.Threading.RateLimiting;
using SafeCampus.Web.Features.Home;
using SafeCampus.Web.Infrastructure.Scheduling;

namespace SafeCampus.Web.Features.Pledges;

/// <summary>Rate limits of the public pledge pages. Configure under "Pledges:RateLimits".</summary>
public sealed class PledgeRateLimits
{
    /// <summary>Requests per minute from one IP address to /r/… and /pledges/verify (parents behind one carrier NAT share an IP).</summary>
    public int PerIpPerMinute { get; set; } = 600;

    /// <summary>Requests per minute for one receipt token; 0 switches the per-token limit off.</summary>
    public int PerTokenPerMinute { get; set; } = 20;
}

public static class PledgesSetup
{
    public const string VerifyRateLimitPolicy = "pledge-verify";

    public static IHostApplicationBuilder AddPledges(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<PledgeService>();
        builder.Services.AddScoped<PledgeRates>();
        builder.Services.AddScoped<PledgeQueries>();
        builder.Services.AddScoped<PledgeVerification>();
        builder.Services.AddSingleton<ReceiptTokens>();
        builder.Services.AddSingleton<ReceiptStore>();
        builder.Services.AddScoped<ITodoProvider, PledgeTodos>();
        builder.Services.AddScoped<IHeadlineProvider, PledgeHeadlines>();
        builder.AddJob<PledgeReminderJob>("pledge-reminders", "30 8 * * *");
        builder.AddJob<PledgeScheduleJob>("pledge-schedules", "0 6 * * *");

        var limits = builder.Configuration.GetSection("Pledges:RateLimits").Get<PledgeRateLimits>() ?? new PledgeRateLimits();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(PledgesText.TooManyRequests, ct);
            };
            // Per IP for the whole public surface, then per token on top (chained: both must allow).
            o.AddPolicy(ReceiptEndpoints.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                "ip:" + http.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PerIpPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.AddPolicy(VerifyRateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                "verify:" + http.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Min(limits.PerIpPerMinute, 60), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                limits.PerTokenPerMinute > 0 && http.Request.Path.StartsWithSegments("/r", out var rest) && rest.HasValue && ReceiptTokens.IsWellFormed(rest.Value[1..])
                    ? RateLimitPartition.GetFixedWindowLimiter("token:" + rest.Value,
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PerTokenPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(""));
        });
        return builder;
    }

    public static WebApplication MapPledges(this WebApplication app)
    {
        app.MapReceipts();
        app.MapPledgeDocuments();
        return app;
    }
}
