using System.Net;
using Npgsql;
using SafeCampus.Tests.Infrastructure;

namespace SafeCampus.Tests.Platform;

/// <summary>
/// The app's database stops accepting connections (its sessions are ended, as in a restart): a signed-in user gets
/// the Chinese error page (its layout queries the database), /healthz says the database is down, and once the
/// database is back the very next request works (the broken pools were cleared).
/// </summary>
public sealed class DatabaseOutageShould(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    [Fact]
    public async Task ShowTheChineseErrorPageAndSayWhatIsDownThenRecover()
    {
        var client = await app.LoginAsync("qs1z.director");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
        try
        {
            await AdminAsync($"""ALTER DATABASE "{database}" WITH ALLOW_CONNECTIONS false""");
            await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()");

            var page = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("<h1>出错了</h1>", html, StringComparison.Ordinal);
            Assert.Contains("系统处理请求时出错", html, StringComparison.Ordinal);
            Assert.Contains("class=\"topbar\"", html, StringComparison.Ordinal); // the layout rendered

            var health = await client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            var text = await health.Content.ReadAsStringAsync();
            Assert.StartsWith("Unhealthy\n", text, StringComparison.Ordinal);
            Assert.Contains("database: Unhealthy", text, StringComparison.Ordinal);
        }
        finally
        {
            await AdminAsync($"""ALTER DATABASE "{database}" WITH ALLOW_CONNECTIONS true""");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    private async Task AdminAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(app.OwnerConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
