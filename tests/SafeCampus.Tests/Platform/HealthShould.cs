using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SafeCampus.Tests.Infrastructure;

namespace SafeCampus.Tests.Platform;

public sealed class HealthShould(HealthShould.Plain plain, SchedulerAppFactory scheduled)
    : IClassFixture<HealthShould.Plain>, IClassFixture<SchedulerAppFactory>
{
    public sealed class Plain : AppFactory;

    [Fact]
    public async Task ReportHealthyWithTheDatabaseCheck()
    {
        var response = await plain.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("Healthy\n", body, StringComparison.Ordinal);
        Assert.Contains("database: Healthy", body, StringComparison.Ordinal);
        Assert.Contains("scheduler: Healthy – Scheduler disabled", body, StringComparison.Ordinal);

        var report = await plain.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, report.Entries["database"].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries["scheduler"].Status);
        Assert.Contains("disabled", report.Entries["scheduler"].Description, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CheckTheRunningSchedulerWhenItIsEnabled()
    {
        // The Hangfire server registers itself in the storage shortly after the host has started.
        _ = scheduled.Services;
        var report = await scheduled.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        for (var i = 0; i < 100 && report.Status != HealthStatus.Healthy; i++)
        {
            await Task.Delay(100);
            report = await scheduled.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        }

        Assert.True(report.Status == HealthStatus.Healthy,
            string.Join("; ", report.Entries.Select(e => $"{e.Key}: {e.Value.Status} {e.Value.Description} {e.Value.Exception?.Message}")));
        var response = await scheduled.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HealthStatus.Healthy, report.Entries["database"].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries["scheduler"].Status);
        Assert.Contains("Hangfire server", report.Entries["scheduler"].Description, StringComparison.Ordinal);
    }
}
