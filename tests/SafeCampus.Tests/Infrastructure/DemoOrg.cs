using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Infrastructure;

/// <summary>The demo city's places the tests talk about, loaded untracked from a seeded database.</summary>
public sealed record DemoOrg(Bureau City, Bureau Qingshan, Bureau Yunxi, School QingshanFirstMiddle, School QingshanPrimary, School YunxiKindergarten)
{
    public static async Task<DemoOrg> LoadAsync(string connectionString)
    {
        var scope = new TenantScope();
        using var _ = scope.EnterSystem("test");
        await using var db = TestDatabase.CreateContext(connectionString, scope);
        var bureaus = await db.Bureaus.AsNoTracking().ToDictionaryAsync(b => b.Name);
        var schools = await db.Schools.AsNoTracking().ToDictionaryAsync(s => s.Name);
        return new DemoOrg(bureaus["临江市教育局"], bureaus["青山县教育局"], bureaus["云溪区教育局"],
            schools["青山县第一中学"], schools["青山县实验小学"], schools["云溪区第一幼儿园"]);
    }
}
