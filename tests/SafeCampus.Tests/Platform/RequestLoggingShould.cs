using System.Net;
using System.Text.Json;
using SafeCampus.Tests.Infrastructure;

namespace SafeCampus.Tests.Platform;

public sealed class RequestLoggingShould(RequestLoggingShould.Fixture app) : IClassFixture<RequestLoggingShould.Fixture>
{
    public sealed class Fixture : DemoAppFactory;

    [Fact]
    public async Task WriteOneLinePerRequestWithMethodPathStatusTimeAndUser()
    {
        var client = await app.LoginAsync("qs.admin");
        var missing = $"/files/{Guid.NewGuid()}";
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(missing)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/healthz?probe=" + Guid.NewGuid())).StatusCode);

        // The file sink sits behind Serilog's async wrapper: give it a moment to reach the disk.
        List<JsonElement> lines = [];
        for (var i = 0; i < 50 && lines.Count == 0; i++)
        {
            await Task.Delay(100);
            lines = RequestLines().Where(l => l.GetProperty("Path").GetString() == missing).ToList();
        }

        var line = Assert.Single(lines);
        Assert.Equal("GET", line.GetProperty("Method").GetString());
        Assert.Equal(404, line.GetProperty("StatusCode").GetInt32());
        Assert.Equal("qs.admin", line.GetProperty("User").GetString());
        Assert.True(line.GetProperty("Elapsed").GetDouble() >= 0);
        Assert.Contains(RequestLines(), l => l.GetProperty("Path").GetString() == "/healthz" && l.GetProperty("User").GetString() == "-");
    }

    [Fact]
    public async Task NeverWriteAParentsReceiptTokenIntoTheLog()
    {
        var token = "Zq" + Guid.NewGuid().ToString("N")[..20];
        await app.CreateClient().GetAsync("/r/" + token);

        List<JsonElement> lines = [];
        for (var i = 0; i < 50 && lines.Count == 0; i++)
        {
            await Task.Delay(100);
            lines = RequestLines().Where(l => l.GetProperty("Path").GetString() == "/r/…").ToList();
        }

        Assert.NotEmpty(lines);
        var leaks = Directory.GetFiles(app.LogDirectory, "*.json")
            .SelectMany(f =>
            {
                using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                return new StreamReader(s).ReadToEnd().Split('\n');
            })
            .Where(line => line.Contains(token, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, "The token was logged:\n" + string.Join("\n", leaks));
    }

    /// <summary>The Properties of every "SafeCampus.Request" event in the JSON log files.</summary>
    private List<JsonElement> RequestLines()
    {
        var result = new List<JsonElement>();
        if (!Directory.Exists(app.LogDirectory))
        {
            return result;
        }

        foreach (var file in Directory.GetFiles(app.LogDirectory, "*.json"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } text)
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                JsonDocument doc;
                try
                {
                    doc = JsonDocument.Parse(text);
                }
                catch (JsonException)
                {
                    continue; // a line the sink is still writing
                }

                using var _ = doc;
                if (doc.RootElement.TryGetProperty("Properties", out var props)
                    && props.TryGetProperty("SourceContext", out var source) && source.GetString() == "SafeCampus.Request")
                {
                    result.Add(props.Clone());
                }
            }
        }

        return result;
    }
}
