using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Tests.Infrastructure;

namespace SafeCampus.Tests.Platform;

/// <summary>
/// No form answers 500, whatever is posted in it. The forms are found the way a user finds them: each role's pages are
/// crawled from its home page by their links (so detail pages with real ids are reached), each page's Blazor forms
/// (their <c>_handler</c> field) are read, and each is posted with a valid antiforgery token and hostile values in its
/// fields: every field at once, and each field alone beside the page's own values. Pages and values are taken in a
/// fixed order and capped, so the run is the same every time and takes a few minutes at most.
/// </summary>
public sealed partial class HostileFormPostsShould(DemoAppFactory app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<DemoAppFactory>
{
    private const int PagesPerRole = 45;
    private const int ShapesPerPattern = 2;

    [Fact]
    public async Task NeverAnswer500ToAFormPostedWithHostileValues()
    {
        var otherTenant = await app.QueryAsync(db => db.Schools.Where(s => s.Name.StartsWith("云溪")).OrderBy(s => s.Name).Select(s => s.Id).FirstAsync());
        string[] hostile =
        [
            "abc", "", "-1", "99999999999999999999", "2026-13-45", "0001-01-01", "a\0b", new string('长', 3000),
            "<script>alert(1)</script>", "=HYPERLINK(\"http://evil.example\")", "'; DROP TABLE \"Schools\"; --", otherTenant.ToString(),
        ];

        var failures = new ConcurrentBag<string>();
        var posts = 0;
        var forms = 0;
        var handlers = new SortedSet<string>(StringComparer.Ordinal);
        var statuses = new SortedDictionary<int, int>();
        // The school's roles first: the county's and city's posts (returning, accepting) change what a school sees.
        foreach (var user in new[] { "qs1z.director", "qs1z.principal", "qs.safety", "qs.admin", "city.admin" })
        {
            var client = await app.LoginAsync(user);
            foreach (var (url, html) in await CrawlAsync(client))
            {
                foreach (var form in Forms(url, html))
                {
                    forms++;
                    handlers.Add(form.Handler);
                    var variants = hostile.Select(v => form.Fields.ToDictionary(f => f.Name, _ => v))
                        .Concat(form.Fields.Select((f, i) => form.Fields.ToDictionary(x => x.Name, x => x.Name == f.Name ? hostile[(i + forms) % hostile.Length] : x.Value)));
                    foreach (var values in variants)
                    {
                        var fields = values.Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value)).ToList();
                        fields.Add(new("_handler", form.Handler));
                        fields.Add(new("__RequestVerificationToken", form.Token));
                        HttpContent content = form.Multipart ? Multipart(fields) : new FormUrlEncodedContent(fields);
                        using var response = await client.PostAsync(form.Action, content);
                        posts++;
                        statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
                        if ((int)response.StatusCode >= 500)
                        {
                            failures.Add($"{user} POST {form.Action} ({form.Handler}) {Describe(values)} → {(int)response.StatusCode}");
                        }
                        else if (response.Headers.Location is { } next && (int)response.StatusCode is >= 300 and < 400)
                        {
                            using var followed = await client.GetAsync(next);
                            if ((int)followed.StatusCode >= 500)
                            {
                                failures.Add($"{user} POST {form.Action} ({form.Handler}) → {next} → {(int)followed.StatusCode}");
                            }
                        }
                    }
                }
            }
        }

        output.WriteLine($"{posts} posts to {forms} forms ({handlers.Count} kinds: {string.Join(", ", handlers)}); answers: {string.Join(", ", statuses.Select(x => $"{x.Key} × {x.Value}"))}");
        // The posts reach the pages' handlers (a refused token would answer every one with 400 and prove nothing).
        Assert.True(statuses.GetValueOrDefault(400) < posts / 4, $"{statuses.GetValueOrDefault(400)} of {posts} posts refused with 400");
        Assert.True(forms > 40, $"only {forms} forms found");
        Assert.True(posts > 800, $"only {posts} posts");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {posts} posts to {forms} forms answered 5xx:\n" + string.Join("\n", failures.Distinct().Order().Take(60)));
    }

    private static string Describe(Dictionary<string, string> values)
    {
        var distinct = values.Values.Distinct().ToList();
        var v = distinct.Count == 1 ? distinct[0] : "";
        return distinct.Count == 1 ? $"all fields = '{(v.Length > 20 ? v[..20] + "…" : v).Replace("\0", "\\0", StringComparison.Ordinal)}'" : "one field hostile";
    }

    private static MultipartFormDataContent Multipart(List<KeyValuePair<string, string>> fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (k, v) in fields)
        {
            content.Add(new StringContent(v), k);
        }

        return content;
    }

    /// <summary>The role's pages reachable by links from its home page, breadth first, a few per route shape.</summary>
    private static async Task<List<(string Url, string Html)>> CrawlAsync(HttpClient client)
    {
        var pages = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/" };
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var queue = new Queue<string>(["/"]);
        while (queue.Count > 0 && pages.Count < PagesPerRole)
        {
            var url = queue.Dequeue();
            using var response = await client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            pages.Add((url, html));
            foreach (var link in LinkRegex().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Split('#')[0]).Order(StringComparer.Ordinal))
            {
                if (link.Length == 0 || !link.StartsWith('/') || link.StartsWith("//", StringComparison.Ordinal) || Skipped(link) || !seen.Add(link))
                {
                    continue;
                }

                var shape = IdRegex().Replace(link.Split('?')[0], "{id}");
                shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
                if (shapes[shape] <= ShapesPerPattern)
                {
                    queue.Enqueue(link);
                }
            }
        }

        return pages;
    }

    private static bool Skipped(string link) =>
        link.StartsWith("/account/logout", StringComparison.Ordinal) || link.StartsWith("/culture", StringComparison.Ordinal)
        || link.StartsWith("/files/", StringComparison.Ordinal) || link.StartsWith("/admin/", StringComparison.Ordinal)
        || link.StartsWith("/_", StringComparison.Ordinal) || link.StartsWith("/css/", StringComparison.Ordinal) || link.StartsWith("/js/", StringComparison.Ordinal)
        || Regex.IsMatch(link.Split('?')[0], @"\.(xlsx|csv|pdf|ics)$|/pdf$|/qr$");

    private sealed record Field(string Name, string Value);

    private sealed record PostedForm(string Action, string Handler, string Token, bool Multipart, List<Field> Fields);

    /// <summary>The page's Blazor forms: method post, a _handler field, the antiforgery token; their named fields.</summary>
    private static IEnumerable<PostedForm> Forms(string url, string html)
    {
        foreach (Match form in FormRegex().Matches(html))
        {
            var tag = form.Groups[1].Value;
            var body = form.Groups[2].Value;
            var handler = HiddenRegex("_handler").Match(body);
            var token = HiddenRegex("__RequestVerificationToken").Match(body);
            var action = Attribute(tag, "action") is { Length: > 0 } a ? a.Split('#')[0] : url;
            if (!handler.Success || !token.Success || action.StartsWith("/account/logout", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = new List<Field>();
            foreach (Match input in FieldRegex().Matches(body))
            {
                var name = Attribute(input.Value, "name");
                if (name is null || name is "_handler" or "__RequestVerificationToken" || fields.Any(f => f.Name == name)
                    || Attribute(input.Value, "type") is "file" or "submit")
                {
                    continue;
                }

                fields.Add(new Field(name, Plausible(input.Value, body, name)));
            }

            yield return new PostedForm(action, Value(handler), Value(token),
                tag.Contains("multipart/form-data", StringComparison.Ordinal), fields);
        }
    }

    /// <summary>
    /// A value the field would accept, so that a post with one hostile field gets past the others' checks: the
    /// page's own value, else one by the field's type (the first option of a list, today for a date, 1 for a number).
    /// </summary>
    private static string Plausible(string tag, string form, string name)
    {
        if (Attribute(tag, "value") is { Length: > 0 } value)
        {
            return value;
        }

        if (tag.StartsWith("<select", StringComparison.OrdinalIgnoreCase))
        {
            var list = Regex.Match(form, $"<select[^>]*name=\"{Regex.Escape(name)}\"[^>]*>(.*?)</select>", RegexOptions.Singleline);
            var option = Regex.Matches(list.Groups[1].Value, "<option[^>]*value=\"([^\"]+)\"").FirstOrDefault();
            return option is null ? "" : WebUtility.HtmlDecode(option.Groups[1].Value);
        }

        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        return Attribute(tag, "type") switch
        {
            "date" => today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            "month" => today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            "time" => "08:30",
            "number" => "1",
            "email" => "test@example.com",
            "checkbox" or "radio" => "on",
            _ => "测试内容",
        };
    }

    private static string Value(Match hidden) => WebUtility.HtmlDecode(hidden.Groups[1].Success ? hidden.Groups[1].Value : hidden.Groups[2].Value);

    private static string? Attribute(string tag, string name)
    {
        var m = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"");
        return m.Success ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
    }

    private static Regex HiddenRegex(string name) => new($"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"|<input[^>]*value=\"([^\"]*)\"[^>]*name=\"{Regex.Escape(name)}\"");

    [GeneratedRegex("<a\\b[^>]*\\shref=\"([^\"]+)\"")]
    private static partial Regex LinkRegex();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\\b\\d{4}-\\d{2}\\b")]
    private static partial Regex IdRegex();

    [GeneratedRegex("<form\\b([^>]*\\smethod=\"post\"[^>]*)>(.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormRegex();

    [GeneratedRegex("<(input|select|textarea)\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex FieldRegex();
}
