namespace SafeCampus.Web.Components.Shared;

public static class PageStatus
{
    /// <summary>
    /// Answers 403 for an action the user may not take (a county administrator on a city's page). The page renders
    /// nothing more; the status-code page (/status/403) says so in Chinese. A record outside the caller's scope is
    /// not this: it is not found (<see cref="Microsoft.AspNetCore.Components.NavigationManager.NotFound"/>).
    /// </summary>
    public static void Forbidden(HttpContext? http)
    {
        if (http is { Response.HasStarted: false })
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
        }
    }
}
