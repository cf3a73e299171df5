namespace SafeCampus.Tests.Infrastructure;

/// <summary>The application with the Quartz scheduler running (clustered ADO store) on the real clock.</summary>
public class SchedulerAppFactory : AppFactory
{
    protected override bool SchedulerEnabled => true;
    protected override bool UseRealClock => true;
}
