using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.Extensions.Primitives;

namespace SafeCampus.Web.Infrastructure.Web;

/// <summary>
/// One convention for every page's query string, instead of a check per page: a value that a page's typed
/// <c>[SupplyParameterFromQuery]</c> parameter cannot take (a <c>page=abc</c>, an overflowing number, an empty flag)
/// and any value with a NUL character (which PostgreSQL refuses in text) is dropped. A GET is redirected to the same
/// address without those parameters, so the page shows as if they were absent; any other method gets 400. Without
/// this, Blazor throws while binding and the user sees an error page.
/// </summary>
public sealed class QueryGuardMiddleware(RequestDelegate next)
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, Type>> Parameters = new();

    public Task InvokeAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (query.Count == 0)
        {
            return next(context);
        }

        var component = context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type;
        var typed = component is null ? null : Parameters.GetOrAdd(component, TypedQueryParameters);
        var bad = query.Where(q => !Acceptable(q.Value, typed?.GetValueOrDefault(q.Key))).Select(q => q.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (bad.Count == 0)
        {
            return next(context);
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return Task.CompletedTask; // the status-code page says it in Chinese
        }

        var kept = QueryString.Create(query.Where(q => !bad.Contains(q.Key)).SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v))));
        context.Response.Redirect(context.Request.PathBase + context.Request.Path + kept);
        return Task.CompletedTask;
    }

    private static bool Acceptable(StringValues values, Type? type)
    {
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            if (value.Contains('\0', StringComparison.Ordinal) || (type is not null && !Parses(value, type)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The types Blazor binds from the query, parsed as Blazor parses them (invariant culture).</summary>
    internal static bool Parses(string value, Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? (type.IsArray ? type.GetElementType()! : type);
        if (t == typeof(string))
        {
            return true;
        }

        var c = CultureInfo.InvariantCulture;
        return value.Length > 0 && (
            t == typeof(int) ? int.TryParse(value, NumberStyles.Integer, c, out _)
            : t == typeof(long) ? long.TryParse(value, NumberStyles.Integer, c, out _)
            : t == typeof(bool) ? bool.TryParse(value, out _)
            : t == typeof(Guid) ? Guid.TryParse(value, out _)
            : t == typeof(decimal) ? decimal.TryParse(value, NumberStyles.Number, c, out _)
            : t == typeof(double) ? double.TryParse(value, NumberStyles.Float, c, out _)
            : t == typeof(float) ? float.TryParse(value, NumberStyles.Float, c, out _)
            : t == typeof(DateOnly) ? DateOnly.TryParse(value, c, out _)
            : t == typeof(DateTime) ? DateTime.TryParse(value, c, out _)
            : t == typeof(TimeOnly) ? TimeOnly.TryParse(value, c, out _)
            : true);
    }

    /// <summary>Query name → property type of a page's non-string <c>[SupplyParameterFromQuery]</c> parameters.</summary>
    internal static IReadOnlyDictionary<string, Type> TypedQueryParameters(Type component) =>
        component.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(p => (p, a: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
            .Where(x => x.a is not null && x.p.PropertyType != typeof(string))
            .ToDictionary(x => x.a!.Name ?? x.p.Name, x => x.p.PropertyType, StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// The same convention for posted forms: a NUL character, which no text field means and PostgreSQL refuses in text
/// and JSON (the audit trail's before/after), is removed from every posted value and name before any page binds the
/// form, so the page validates and answers as for the rest of the value; nothing else of the form changes. A body
/// that is not a readable form answers 400 (or 413 when too large), with the Chinese status page, instead of a 500.
/// </summary>
public sealed class FormGuardMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || !context.Request.HasFormContentType)
        {
            await next(context);
            return;
        }

        Microsoft.AspNetCore.Http.IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            context.Response.StatusCode = ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                ? StatusCodes.Status413PayloadTooLarge
                : StatusCodes.Status400BadRequest;
            return;
        }

        if (form.Any(f => f.Key.Contains('\0', StringComparison.Ordinal) || f.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true)))
        {
            var clean = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, values) in form)
            {
                var name = key.Replace("\0", "", StringComparison.Ordinal);
                clean[name] = StringValues.Concat(clean.GetValueOrDefault(name), new StringValues(values.Select(v => v?.Replace("\0", "", StringComparison.Ordinal)).ToArray()));
            }

            context.Features.Set<Microsoft.AspNetCore.Http.Features.IFormFeature>(new Microsoft.AspNetCore.Http.Features.FormFeature(new FormCollection(clean, form.Files)));
        }

        await next(context);
    }
}
