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

/// <summary>The app on a fresh database with the demo city seeded and its key organisations at hand.</summary>
public class DemoAppFactory : AppFactory
{
    public DemoOrg Org { get; private set; } = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedDemoAsync();
        Org = await DemoOrg.LoadAsync(ConnectionString);
    }
}
