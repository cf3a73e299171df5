namespace SafeCampus.Tests.Infrastructure;

/// <summary>The application with its Hangfire server running, on the real clock.</summary>
public class SchedulerAppFactory : AppFactory
{
    protected override bool SchedulerEnabled => true;
    protected override bool UseRealClock => true;
}
