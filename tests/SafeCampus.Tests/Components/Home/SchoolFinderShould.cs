using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Defences;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Data;
using SafeCampus.Web.Data.Interceptors;
using SafeCampus.Web.Features.Home;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Components.Home;

/// <summary>
/// The find-as-you-type island of the bureau overview. It queries PostgreSQL (ILIKE) through the app's context
/// factory and tenant filter, so it gets a real test database, with the small test city, and the user's claims.
/// </summary>
public sealed class SchoolFinderShould : ComponentTest, IClassFixture<SchoolFinderShould.Database>
{
    public sealed class Database : IAsyncLifetime
    {
        public string ConnectionString { get; private set; } = "";
        public DefenceTestCity City { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            ConnectionString = await TestDatabase.CreateDatabaseAsync();
            City = await DefenceTestCity.CreateAsync(ConnectionString);
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }

    private readonly Database _db;
    private readonly Bunit.TestDoubles.BunitAuthorizationContext _auth;

    public SchoolFinderShould(Database db)
    {
        _db = db;
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<TenantScope>();
        Services.AddSingleton<TenantGuardInterceptor>();
        Services.AddSingleton<AuditInterceptor>();
        Services.AddSingleton<RowSecurityInterceptor>();
        Services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(db.ConnectionString)); // the retry strategy clears its pool too
        Services.AddDbContextFactory<AppDbContext>((sp, o) => DatabaseExtensions.Configure(o, db.ConnectionString, sp), ServiceLifetime.Scoped);
        _auth = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private IRenderedComponent<SchoolFinder> RenderAs(string userName, string scopePath)
    {
        _auth.SetAuthorized(userName).SetClaims(new Claim(TenantScope.ScopeClaim, scopePath));
        return Render<SchoolFinder>();
    }

    private static async Task TypeAsync(IRenderedComponent<SchoolFinder> finder, string text) =>
        await finder.Find("[data-testid=finder]").InputAsync(new ChangeEventArgs { Value = text });

    [Fact]
    public async Task FindTheSchoolsOfTheUsersCountyAsTheyType()
    {
        var finder = RenderAs("a.safety", _db.City.CountyA.Path);
        Assert.Equal("true", finder.Find("section.finder").GetAttribute("data-interactive"));
        Assert.Empty(finder.FindAll("[data-testid=finder-results]"));

        await TypeAsync(finder, "县第");

        finder.WaitForAssertion(() => Assert.Equal(3, finder.FindAll("[data-testid=finder-results] li a").Count));
        var results = finder.FindAll("[data-testid=finder-results] li")
            .Select(li => (li.QuerySelector("a")!.TextContent, li.QuerySelector("a")!.GetAttribute("href"), li.QuerySelector(".meta")!.TextContent))
            .ToHashSet();
        Assert.Equal(
            new HashSet<(string, string?, string)>
            {
                ("甲县第一小学", $"/org/schools/{_db.City.Primary1.Id}", "小学 · 甲县教育局"),
                ("甲县第二小学", $"/org/schools/{_db.City.Primary2.Id}", "小学 · 甲县教育局"),
                ("甲县第一中学", $"/org/schools/{_db.City.Junior1.Id}", "初中 · 甲县教育局"),
            },
            results);
    }

    [Fact]
    public async Task NeverShowAnotherCountysSchool()
    {
        var finder = RenderAs("b.safety", _db.City.CountyB.Path);

        await TypeAsync(finder, "甲县");

        finder.WaitForAssertion(() => Assert.Equal("没有找到匹配的学校。", finder.Find("[data-testid=finder-results] li.empty").TextContent));
        Assert.Empty(finder.FindAll("[data-testid=finder-results] a"));

        await TypeAsync(finder, "幼儿园");
        finder.WaitForAssertion(() => Assert.Equal("乙县幼儿园", finder.Find("[data-testid=finder-results] a").TextContent));
    }

    [Fact]
    public async Task TakeWildcardsLiterallyAndHideTheListWhenCleared()
    {
        var finder = RenderAs("city.safety", _db.City.City.Path);

        await TypeAsync(finder, "%");
        finder.WaitForAssertion(() => Assert.Single(finder.FindAll("[data-testid=finder-results] li.empty")));

        await TypeAsync(finder, "第二");
        finder.WaitForAssertion(() => Assert.Equal("甲县第二小学", finder.Find("[data-testid=finder-results] a").TextContent));

        await TypeAsync(finder, "  ");
        finder.WaitForAssertion(() => Assert.Empty(finder.FindAll("[data-testid=finder-results]")));
    }
}
