using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;
using SafeCampus.Web.Features.Drills.Bureau;
using SafeCampus.Web.Tenancy;
using Xunit.Abstractions;

namespace SafeCampus.Tests.Drills.BureauSide;

/// <summary>
/// A city with 1,000 schools and 11,000 drills: the matrix is built from a fixed handful of queries, whatever the
/// number of schools (no query per school). Its speed is measured by the benchmark (bench/), not asserted here.
/// </summary>
public sealed class DrillComplianceAtScaleShould(DrillComplianceAtScaleShould.Fixture app, ITestOutputHelper output)
    : IClassFixture<DrillComplianceAtScaleShould.Fixture>
{
    public sealed class Fixture : AppFactory
    {
        public string CityPath { get; private set; } = "";

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Clock.Set(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8)));
            var now = Clock.GetUtcNow();
            var scope = new TenantScope();
            scope.EnterSystem("test");
            await using var db = TestDatabase.CreateContext(ConnectionString, scope);
            var city = Bureau.CreateCity("大市教育局", "大市", now);
            var counties = Enumerable.Range(1, 10).Select(i => city.CreateChild($"第{i}区教育局", $"第{i}区", now)).ToList();
            var (kinds, rules) = DrillDefaults.For(city);
            db.Bureaus.Add(city);
            db.Bureaus.AddRange(counties);
            db.DrillKinds.AddRange(kinds);
            db.DrillRules.AddRange(rules);
            db.Schools.AddRange(Enumerable.Range(0, 1000).Select(i => School.Create(counties[i % 10],
                new SchoolDetails($"学校{i:0000}", i % 5 == 0 ? SchoolKind.Kindergarten : SchoolKind.Primary, false, i % 7 == 0, 800, 60, 20, null), now)));
            await db.SaveChangesAsync();
            var fire = kinds.Single(k => k.Code == "fire").Id;
            // Eleven drills per school, January to November 2026; every fifth month awaiting review, the rest accepted.
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "Drills" ("Id", "SchoolId", "ScopePath", "KindId", "Date", "Scenario", "Organiser", "State", "CreatedAt",
                    "StudentsParticipating", "StaffParticipating", "StudentsEnrolled", "StaffEnrolled")
                SELECT gen_random_uuid(), s."Id", s."ScopePath", {fire}, make_date(2026, m, 10), '演练', '安全办',
                    CASE WHEN m % 5 = 0 THEN 2 ELSE 3 END, {now}, 760, 55, 800, 60
                FROM "Schools" s CROSS JOIN generate_series(1, 11) AS m
                """);
            // Planner statistics, as autovacuum keeps them on a live database; without them the fresh rows get poor plans.
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
            CityPath = city.Path;
        }
    }

    [Fact]
    public async Task BuildTheMatrixOfAThousandSchoolsWithAFixedNumberOfQueries()
    {
        await BuildAsync(); // EF compiles its queries once per process
        var database = new Npgsql.NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
        using var counter = new CommandCounter(database);
        var m = await BuildAsync();
        output.WriteLine($"1,000 schools: {counter.Count} SQL commands");

        Assert.Equal(1000, m.Rows.Count);
        Assert.Equal(11000 - 2000, m.Figures.AcceptedDrills);
        var primary = m.Rows.First(r => r.Kind == SchoolKind.Primary);
        Assert.Equal(ComplianceState.AwaitingReview, primary.Months[9].State); // October: its only drill is submitted
        Assert.Equal(ComplianceState.Completed, primary.Months[10].State);
        Assert.InRange(counter.Count, 1, 12);
    }

    private async Task<ComplianceMatrix> BuildAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(app.CityPath);
        return await scope.ServiceProvider.GetRequiredService<DrillComplianceReport>().BuildAsync(new MatrixQuery(2026));
    }
}
