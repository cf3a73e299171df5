using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;
using SafeCampus.Web.Data;

namespace SafeCampus.Web.Infrastructure.Scheduling;

public static class Scheduling
{
    /// <summary>
    /// Quartz.NET with the ADO job store on the application's PostgreSQL database, clustered so that several app
    /// instances share the work and each firing runs on one of them. The qrtz_* tables are created on first start.
    /// Feature areas add their jobs with <see cref="AddJob{TJob}"/>, in any order.
    /// </summary>
    public static IHostApplicationBuilder AddScheduler(this IHostApplicationBuilder builder)
    {
        var database = DatabaseInfo.Of(builder);
        var config = builder.Configuration;
        var enabled = config.GetValue("Scheduler:Enabled", true);
        builder.Services.AddSingleton(new SchedulerSettings(enabled));
        builder.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = config["Scheduler:Name"] ?? "SafeCampus";
                s.InstanceId = config["Scheduler:InstanceId"] ?? "AUTO";
                s.DefaultTimeZone = China.TimeZone;
            });
            q.UseDefaultThreadPool(4);
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(database.ConnectionString);
                store.UseSystemTextJsonSerializer();
                store.UseClustering(c =>
                {
                    c.CheckinInterval = TimeSpan.FromSeconds(config.GetValue("Scheduler:CheckinSeconds", 15));
                    c.CheckinMisfireThreshold = TimeSpan.FromSeconds(config.GetValue("Scheduler:CheckinMisfireSeconds", 30));
                });
                store.ProvisionSchema();
            });
        });
        if (enabled)
        {
            builder.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
            builder.Services.AddHealthChecks().AddQuartz(o => o.Name = "scheduler");
        }
        else
        {
            builder.Services.AddHealthChecks().AddCheck<SchedulerDisabledHealthCheck>("scheduler");
        }

        return builder;
    }

    /// <summary>Registers a durable, recoverable job with a cron trigger evaluated in China time.</summary>
    public static IHostApplicationBuilder AddJob<TJob>(this IHostApplicationBuilder builder, string name, string cron)
        where TJob : class, IJob
    {
        var key = new JobKey(name, "safecampus");
        builder.Services.ConfigureAllQuartzSchedulers(q =>
        {
            q.AddJob<TJob>(j => j.WithIdentity(key).StoreDurably().RequestRecovery());
            q.AddTrigger(t => t.ForJob(key).WithIdentity($"{name}.cron", "safecampus")
                .WithSchedule(CronScheduleBuilder.Create(cron).InTimeZone(China.TimeZone)
                    .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
        });
        return builder;
    }
}

public sealed record SchedulerSettings(bool Enabled);

/// <summary>Stands in for Quartz's own health check when the scheduler is switched off by configuration.</summary>
public sealed class SchedulerDisabledHealthCheck : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy("Scheduler disabled by configuration (Scheduler:Enabled=false)."));
}
