using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using SafeCampus.Tests.Browser;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Infrastructure.Web;

namespace SafeCampus.Tests.Platform;

/// <summary>How the app is started: where it listens, and that a build folder is not run as if it were published.</summary>
public sealed class HostingShould
{
    [Fact]
    public async Task ListenWhereAspNetCoreUrlsSays()
    {
        var url = $"http://127.0.0.1:{BrowserFixture.FreePort()}";
        var database = await TestDatabase.CreateDatabaseAsync();
        await using var app = new AppProcess(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = url,
            ["ConnectionStrings__Default"] = database,
            ["ConnectionStrings__Owner"] = TestDatabase.AsOwner(database),
        });

        Assert.Equal(url, await app.StartAsync());
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{url}/healthz")).StatusCode);
        Assert.DoesNotContain(Hosting.DefaultUrl, app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefuseAProductionRunFromABuildFolderAndSayToPublish()
    {
        // No database is reachable at that address: the refusal comes before the app touches one.
        await using var app = new AppProcess(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{BrowserFixture.FreePort()}",
            ["ConnectionStrings__Default"] = "Host=127.0.0.1;Port=1;Database=none;Username=none",
        });

        Assert.Equal(1, await app.RunToExitAsync());
        Assert.Contains("Refusing to start: the static web assets (_framework/blazor.web.js, css/site.css) are not in the web root", app.Output, StringComparison.Ordinal);
        Assert.Contains("dotnet publish src/SafeCampus.Web -c Release -o out", app.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", app.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("urls", "http://0.0.0.0:5301", true)]
    [InlineData("http_ports", "5302", true)]
    [InlineData("https_ports", "5303", true)]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://127.0.0.1:5304", true)]
    [InlineData("urls", " ", false)]
    public void UseTheDefaultUrlOnlyWhenNoneIsConfigured(string? key, string? value, bool configured)
    {
        var settings = key is null ? [] : new Dictionary<string, string?> { [key] = value };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Assert.Equal(configured, Hosting.HasConfiguredUrls(configuration));
    }

    [Fact]
    public void PinNoAddressInTheLaunchProfile()
    {
        // A launch profile's applicationUrl overrides ASPNETCORE_URLS and --urls for dotnet run.
        var path = Path.Combine(BrowserFixture.RepositoryRoot, "src", "SafeCampus.Web", "Properties", "launchSettings.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var profile in json.RootElement.GetProperty("profiles").EnumerateObject())
        {
            Assert.False(profile.Value.TryGetProperty("applicationUrl", out _), $"{profile.Name} pins applicationUrl");
            if (profile.Value.TryGetProperty("environmentVariables", out var variables))
            {
                Assert.False(variables.TryGetProperty("ASPNETCORE_URLS", out _), $"{profile.Name} pins ASPNETCORE_URLS");
            }
        }
    }
}
