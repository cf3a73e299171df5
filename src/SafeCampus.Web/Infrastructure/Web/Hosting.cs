using SafeCampus.Web.Infrastructure.Database;

namespace SafeCampus.Web.Infrastructure.Web;

/// <summary>Where the app listens, and whether it has its static assets (stylesheet, scripts) to serve.</summary>
public static class Hosting
{
    /// <summary>Where the app listens when nothing else says: loopback only, a fixed port for the README.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The framework's script: present in the web root of a published app, or served from the build's
    /// static web assets manifest in Development and in the tests.</summary>
    public const string FrameworkScript = "_framework/blazor.web.js";

    /// <summary>
    /// Listens where the operator says — <c>ASPNETCORE_URLS</c> or <c>--urls</c>, <c>ASPNETCORE_HTTP_PORTS</c>,
    /// <c>Kestrel:Endpoints</c> — and on <see cref="DefaultUrl"/> only when nothing does. (The launch profile
    /// pins no URL, so it does not override these either.)
    /// </summary>
    public static WebApplicationBuilder ListenWhereConfigured(this WebApplicationBuilder builder)
    {
        if (!HasConfiguredUrls(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        return builder;
    }

    public static bool HasConfiguredUrls(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();

    /// <summary>
    /// A build folder run outside Development (<c>dotnet run --no-launch-profile</c>, <c>dotnet bin/…/SafeCampus.Web.dll</c>)
    /// has no web root with the framework's script and the compressed assets: it would serve an empty stylesheet and
    /// a 500 for the script. Such a start is refused with a message saying what to do instead; false means the
    /// caller must stop.
    /// </summary>
    public static bool EnsureStaticAssets(this WebApplication app)
    {
        if (app.Environment.WebRootFileProvider.GetFileInfo(FrameworkScript).Exists)
        {
            return true;
        }

        app.Logger.LogCritical(
            "Refusing to start: the static web assets ({Script}, css/site.css) are not in the web root {WebRoot}. "
            + "This is a build folder run in the {Environment} environment; only Development serves assets from a build. "
            + "Publish the app and run it from the publish folder (dotnet publish src/SafeCampus.Web -c Release -o out, "
            + "then cd out && dotnet SafeCampus.Web.dll), or run in Development (dotnet run --project src/SafeCampus.Web).",
            FrameworkScript, app.Environment.WebRootPath ?? Path.Combine(app.Environment.ContentRootPath, "wwwroot"),
            app.Environment.EnvironmentName);
        app.Services.GetService<LocalPostgres>()?.Stop();
        return false;
    }
}
