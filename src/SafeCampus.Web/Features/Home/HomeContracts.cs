using System.Security.Claims;

namespace SafeCampus.Web.Features.Home;

/// <summary>One line of a school user's to-do list (我的待办), ordered by due date.</summary>
public sealed record TodoItem(string Title, string Link, DateOnly? Due, string StateText, string Tone);

/// <summary>A capability contributes the to-dos it knows about. Register with AddScoped&lt;ITodoProvider, …&gt;.</summary>
public interface ITodoProvider
{
    Task<IReadOnlyList<TodoItem>> GetAsync(ClaimsPrincipal user, CancellationToken ct);
}

/// <summary>A headline figure on the bureau overview; every figure links to the rows it counts.</summary>
public sealed record Headline(string Label, string Value, string Link, string? Detail = null, string Tone = "grey");

/// <summary>A capability contributes headline figures for the current scope.</summary>
public interface IHeadlineProvider
{
    int Order { get; }

    Task<IReadOnlyList<Headline>> GetAsync(CancellationToken ct);
}
