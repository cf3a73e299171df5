using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Infrastructure.Scheduling;

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
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());

        var report = await plain.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, report.Entries["database"].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries["scheduler"].Status);
        Assert.Contains("disabled", report.Entries["scheduler"].Description, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CheckTheRunningSchedulerWhenItIsEnabled()
    {
        // The hosted service starts the scheduler once the application has started, in the background.
        var scheduler = await scheduled.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        for (var i = 0; i < 100 && scheduler.Status != SchedulerStatus.Running; i++)
        {
            await Task.Delay(100);
        }

        var report = await scheduled.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.True(report.Status == HealthStatus.Healthy,
            string.Join("; ", report.Entries.Select(e => $"{e.Key}: {e.Value.Status} {e.Value.Description} {e.Value.Exception?.Message}")));
        var response = await scheduled.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());

        using var scope = scheduled.Services.CreateScope();
        var registration = scheduled.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>()
            .Value.Registrations.Single(r => r.Name == "scheduler");
        Assert.IsNotType<SchedulerDisabledHealthCheck>(registration.Factory(scope.ServiceProvider));
        Assert.Equal(HealthStatus.Healthy, report.Entries["database"].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries["scheduler"].Status);
    }
}
