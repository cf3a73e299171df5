namespace SafeCampus.Web.Features.Drills.Bureau;

public static class PageStatus
{
    /// <summary>
    /// Answers 404 for a record outside the caller's scope, exactly as for one that does not exist: the status code
    /// page (/not-found) is rendered in its place.
    /// </summary>
    public static void NotFound(HttpContext? http)
    {
        if (http is { Response.HasStarted: false })
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
