using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;

namespace SafeCampus.Tests.Platform;

/// <summary>
/// No address answers 500, whatever is put in its route and query parameters. The routes and their parameters are
/// read from the app itself (its endpoints, the pages' <c>[SupplyParameterFromQuery]</c> properties, the minimal
/// APIs' parameters), so a new page is crawled without anyone adding it here.
/// </summary>
public sealed class HostileInputShould(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private static readonly string[] Hostile =
    [
        "abc", "", "-1", "99999999999999999999", "0001-01", "\0", "/\\evil.example",
        "<script>alert(1)</script>", "' OR '1'='1", "=1+2", new string('长', 3000),
    ];

    [Fact]
    public async Task NeverAnswer500ToAnyRouteWithHostileParameters()
    {
        var targets = Targets();
        Assert.True(targets.Count > 40, $"only {targets.Count} routes found");
        Assert.Contains(targets, t => t.Pattern == "/hazards" && t.Query.Contains("page", StringComparer.OrdinalIgnoreCase));

        var clients = new List<(string Who, HttpClient Client)> { ("anonymous", app.CreateClient(new() { AllowAutoRedirect = false })) };
        foreach (var user in new[] { "city.admin", "qs.safety", "qs1z.director", "qs1z.principal" })
        {
            var client = await app.LoginAsync(user);
            clients.Add((user, client));
        }

        var urls = targets.SelectMany(Urls).Distinct().ToList();
        var failures = new ConcurrentBag<string>();
        var requests = 0;
        foreach (var (who, client) in clients)
        {
            await Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (url, ct) =>
            {
                using var response = await client.GetAsync(url, ct);
                Interlocked.Increment(ref requests);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{who} GET {(url.Length > 160 ? url[..160] + "…" : url)} → {(int)response.StatusCode}");
                }
            });
        }

        Assert.True(requests > 1000, $"{requests} requests");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {requests} requests answered 5xx:\n" + string.Join("\n", failures.Order().Take(60)));
    }

    [Fact]
    public async Task DropAQueryValueAPageCannotTakeAndKeepTheRest()
    {
        var client = await app.LoginAsync("qs.safety");
        var response = await client.GetAsync("/hazards?page=abc&area=%E6%B6%88%E9%98%B2");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/hazards?area=%E6%B6%88%E9%98%B2", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(response.Headers.Location.OriginalString)).StatusCode);

        var nul = await client.GetAsync("/org/schools?q=%00");
        Assert.Equal("/org/schools", nul.Headers.Location!.OriginalString);
        Assert.Equal("/", (await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/culture?c=zh-CN&r=%2F%5Cevil.example")).Headers.Location!.OriginalString);
    }

    /// <summary>
    /// One behaviour for pages a user may not open, on every route: someone not signed in is sent to sign in (and
    /// back); a signed-in user whose role may not open it gets 403 with the Chinese not-allowed page, never a
    /// redirect. Every HTML answer also keeps to the Content-Security-Policy (inline elements carry its nonce, no
    /// style attribute or event handler).
    /// </summary>
    [Fact]
    public async Task RefuseForbiddenPagesWith403AndSendAnonymousVisitorsToSignIn()
    {
        var targets = Targets();
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var clients = new List<(string Who, HttpClient Client)>();
        foreach (var user in new[] { "city.admin", "qs.safety", "qs1z.director", "qs1z.principal", "qs1z.teacher" })
        {
            clients.Add((user, await app.LoginAsync(user)));
        }

        var failures = new ConcurrentBag<string>();
        var forbidden = 0;
        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (t, ct) =>
        {
            var url = Urls(t).First();
            using (var response = await anonymous.GetAsync(url, ct))
            {
                var location = response.Headers.Location?.PathAndQuery() ?? "";
                if (!t.Anonymous && !(response.StatusCode == HttpStatusCode.Redirect && location.StartsWith("/account/login?returnUrl=", StringComparison.OrdinalIgnoreCase)))
                {
                    failures.Add($"anonymous GET {url} → {(int)response.StatusCode} {location}");
                }
            }

            foreach (var (who, client) in clients)
            {
                using var response = await client.GetAsync(url, ct);
                var location = response.Headers.Location?.PathAndQuery() ?? "";
                if (location.StartsWith("/account/login", StringComparison.Ordinal) || location.StartsWith("/account/denied", StringComparison.Ordinal))
                {
                    failures.Add($"{who} GET {url} → redirected to {location}");
                }

                if (response.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    continue;
                }

                var html = await response.Content.ReadAsStringAsync(ct);
                if (response.StatusCode == HttpStatusCode.Forbidden)
                {
                    Interlocked.Increment(ref forbidden);
                    if (!html.Contains("data-testid=\"not-allowed\"", StringComparison.Ordinal))
                    {
                        failures.Add($"{who} GET {url} → 403 without the not-allowed page");
                    }
                }

                try
                {
                    var nonce = System.Text.RegularExpressions.Regex.Match(CspAssert.Header(response, "Content-Security-Policy"), "'nonce-([^']+)'").Groups[1].Value;
                    CspAssert.AssertInlineElementsCarry(nonce, html, $"{who} GET {url}");
                }
                catch (Xunit.Sdk.XunitException ex)
                {
                    failures.Add(ex.Message);
                }
            }
        });

        Assert.True(forbidden > 20, $"only {forbidden} refusals seen");
        Assert.True(failures.IsEmpty, $"{failures.Count} answers break the rule:\n" + string.Join("\n", failures.Order().Take(60)));
    }

    private sealed record Target(string Pattern, RoutePattern Route, IReadOnlyList<string> Query, bool Anonymous);

    private List<Target> Targets()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var targets = new List<Target>();
        foreach (var e in endpoints)
        {
            var pattern = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
            var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (pattern.StartsWith("/_", StringComparison.Ordinal) || e.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal))
                || (methods is { Count: > 0 } && !methods.Contains("GET")))
            {
                continue;
            }

            var route = e.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var query = new List<string>();
            if (e.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type is { } page)
            {
                query.AddRange(page.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                    .Select(p => (p, a: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
                    .Where(x => x.a is not null).Select(x => x.a!.Name ?? x.p.Name));
            }

            query.AddRange(e.Metadata.OfType<IParameterBindingMetadata>()
                .Where(p => !route.Contains(p.Name) && IsSimple(p.ParameterInfo.ParameterType)).Select(p => p.Name));
            targets.Add(new Target(pattern, e.RoutePattern, query.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
                e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null));
        }

        return targets.DistinctBy(t => t.Pattern).ToList();
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t == typeof(string) || t == typeof(Guid) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(DateTime);
    }

    /// <summary>The route with plausible values, then each route and query parameter in turn with each hostile value.</summary>
    private static IEnumerable<string> Urls(Target t)
    {
        string Path(string? hostileParameter, string? value) => "/" + string.Join("/", t.Route.PathSegments.Select(segment =>
            string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternSeparatorPart separator => separator.Content,
                RoutePatternParameterPart p when p.Name == hostileParameter => Uri.EscapeDataString(value!),
                RoutePatternParameterPart p when p.ParameterPolicies.Any(x => x.Content == "guid") => Guid.NewGuid().ToString(),
                RoutePatternParameterPart p when p.ParameterPolicies.Any(x => x.Content == "int") => "1",
                RoutePatternParameterPart => "2026-11",
                _ => "",
            }))));

        yield return Path(null, null);
        foreach (var parameter in t.Route.Parameters.Where(p => p.ParameterPolicies.Count == 0))
        {
            foreach (var value in Hostile.Where(v => v.Length > 0 && v != "\0"))
            {
                yield return Path(parameter.Name, value);
            }
        }

        foreach (var name in t.Query)
        {
            foreach (var value in Hostile)
            {
                yield return QueryHelpers.AddQueryString(Path(null, null), name, value);
            }
        }
    }
}
