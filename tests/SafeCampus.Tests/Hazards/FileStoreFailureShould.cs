using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SafeCampus.Tests.Drills.SchoolSide;
using SafeCampus.Tests.Infrastructure;

namespace SafeCampus.Tests.Hazards;

/// <summary>
/// The file store refuses writes (a trigger on StoredFiles raises, as a full or failing store would): reporting a
/// hazard with a photo says in Chinese that the photo was not saved, keeps what was typed, and saves nothing.
/// </summary>
public sealed class FileStoreFailureShould : IClassFixture<HazardFixture>
{
    private readonly HazardFixture _app;

    public FileStoreFailureShould(HazardFixture app)
    {
        _app = app;
        _app.Clock.Set(HazardFixture.Now);
    }

    [Fact]
    public async Task SayThePhotoWasNotSavedAndKeepTheRestOfTheForm()
    {
        await SqlAsync("""
            CREATE FUNCTION refuse_files() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'file store is full'; END $$;
            CREATE TRIGGER refuse_files BEFORE INSERT ON "StoredFiles" FOR EACH ROW EXECUTE FUNCTION refuse_files();
            """);
        try
        {
            var client = await _app.LoginAsync("qssx.director");
            var response = await client.PostMultipartAsync("/hazards/new", "hazard-new", new()
            {
                ["Input.Place"] = "实验楼三层",
                ["Input.Description"] = "消防栓箱门锁死打不开",
                ["Input.Area"] = "消防安全",
                ["Input.Grade"] = "General",
                ["Input.FoundOn"] = "2026-11-24",
                ["Input.FoundBy"] = "马强",
            }, ("Photos", "hydrant.png", TestImages.Png(20, 15)));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("照片（文件）未能保存", Forms.ErrorText(html), StringComparison.Ordinal);
            Assert.Contains("value=\"实验楼三层\"", html, StringComparison.Ordinal);
            Assert.Contains("消防栓箱门锁死打不开", html, StringComparison.Ordinal);
            Assert.Contains("value=\"马强\"", html, StringComparison.Ordinal);
            await using var db = _app.SystemContext();
            Assert.False(await db.Hazards.AnyAsync(h => h.Description == "消防栓箱门锁死打不开"));
        }
        finally
        {
            await SqlAsync("""DROP TRIGGER refuse_files ON "StoredFiles"; DROP FUNCTION refuse_files();""");
        }
    }

    private async Task SqlAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(_app.OwnerConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
