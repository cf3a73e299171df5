using SafeCampus.Tests.Infrastructure;

namespace SafeCampus.Tests.Drills.SchoolSide;

/// <summary>A drill plan may carry a document (PDF, Office, photo of the paper plan), stored with the drill or not at all.</summary>
public sealed class DrillPlanDocumentShould : IClassFixture<DrillSchoolFixture>
{
    private const string Director = "qs1z.director";
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();
    private readonly DrillSchoolFixture _app;

    public DrillPlanDocumentShould(DrillSchoolFixture app)
    {
        _app = app;
        _app.Clock.Set(DrillSchoolFixture.Now);
    }

    private async Task<Dictionary<string, string>> PlanAsync(string scenario) => new()
    {
        ["Input.Date"] = "2026-11-26", ["Input.KindId"] = (await _app.KindIdAsync("earthquake")).ToString(),
        ["Input.Scenario"] = scenario, ["Input.Organiser"] = "孙国华",
    };

    [Fact]
    public async Task StoreThePlanDocumentWithTheDrillAndLinkItFromTheDetailPage()
    {
        var client = await _app.LoginAsync(Director);
        var response = await client.PostMultipartAsync("/drills/new", "drill-plan", await PlanAsync("防震疏散附方案"), ("PlanDocument", "防震疏散方案.pdf", Pdf));

        var id = DrillPages.DrillIdFromRedirect(response);
        var drill = await _app.LoadAsync(id);
        Assert.NotNull(drill.PlanFileId);
        var detail = await client.GetStringAsync($"/drills/{id}");
        Assert.Contains($"href=\"/files/{drill.PlanFileId}\"", detail, StringComparison.Ordinal);
        var file = await client.GetAsync($"/files/{drill.PlanFileId}");
        Assert.Equal("application/pdf", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await file.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task RefuseADocumentThatIsNeitherPdfOfficeNorImageAndCreateNothing()
    {
        var client = await _app.LoginAsync(Director);
        await using var before = _app.SystemContext();
        var (drills, files) = (before.Drills.Count(), before.StoredFiles.Count());

        var response = await client.PostMultipartAsync("/drills/new", "drill-plan", await PlanAsync("附件是文本"), ("PlanDocument", "plan.pdf", "just text, not a PDF"u8.ToArray()));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("不支持的文件类型", Forms.ErrorText(html), StringComparison.Ordinal);
        Assert.Contains("value=\"附件是文本\"", html, StringComparison.Ordinal); // the input is kept
        await using var after = _app.SystemContext();
        Assert.Equal((drills, files), (after.Drills.Count(), after.StoredFiles.Count()));
    }
}
