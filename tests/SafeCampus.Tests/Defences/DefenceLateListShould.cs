using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Defences;
using SafeCampus.Web.Tenancy;
using static SafeCampus.Tests.Defences.DefenceTestCity;

namespace SafeCampus.Tests.Defences;

/// <summary>
/// A county with 2,000 late schools: its officers are told the count with a link to the list (the names would not
/// fit a notification), and one officer whose notification fails (a trigger refuses it) stops neither the other
/// officers nor the statistics PDFs; the run then fails so that Hangfire retries it, and a retry sends nothing twice.
/// </summary>
public sealed class DefenceLateListShould(DefenceLateListShould.Fixture app) : IClassFixture<DefenceLateListShould.Fixture>
{
    public const int LateSchools = 2000;

    public sealed class Fixture : DefenceCityFixture
    {
        public Bureau Big { get; private set; } = default!;
        public List<string> Officers { get; } = [];

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var now = China(9, 1);
            await using var db = Db();
            Big = City.City.CreateChild("大县教育局", null, now);
            db.Bureaus.Add(Big);
            for (var i = 0; i < LateSchools; i++)
            {
                db.Schools.Add(School.Create(Big, new SchoolDetails($"大县第{i + 1:0000}小学（一个相当长的学校名称用来撑满通知正文）", SchoolKind.Primary, false, false, 500, 40, 10, null), now));
            }

            for (var i = 0; i < 3; i++)
            {
                var officer = AppUser.ForBureau(Big, $"big.safety{i}", $"大县安全科{i}", UserRole.BureauSafetyOfficer, now);
                db.Users.Add(officer);
                Officers.Add(officer.Id);
            }

            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task TellEachCountyOfficerTheCountWithALinkAndKeepGoingPastAFailingRecipient()
    {
        var failing = app.Officers[1];
        await using (var conn = new NpgsqlConnection(app.OwnerConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"""
                CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW."UserId" = '{failing}' THEN RAISE EXCEPTION 'mailbox of {failing} is broken'; END IF; RETURN NEW; END $$;
                CREATE TRIGGER refuse_one BEFORE INSERT ON "Notifications" FOR EACH ROW EXECUTE FUNCTION refuse_one();
                """, conn);
            await cmd.ExecuteNonQueryAsync();
        }

        // The day after the 25th of November: every big-county school is late (none has submitted).
        var run = await Assert.ThrowsAsync<AggregateException>(() => RunAtAsync(China(11, 26, 8)));
        Assert.Single(run.InnerExceptions);

        var notices = await app.QueryAsync(db => db.Notifications
            .Where(n => n.IdempotencyKey.StartsWith($"{DefenceReminderJob.KeyPrefix}{app.Big.Id}:")).ToListAsync());
        Assert.Equal(app.Officers.Where(o => o != failing).Order(), notices.Select(n => n.UserId).Order());
        foreach (var notice in notices)
        {
            Assert.Contains($"{LateSchools} 所学校逾期未报", notice.Title, StringComparison.Ordinal);
            Assert.Contains($"{LateSchools} 所学校未提交", notice.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("大县第0001小学", notice.Body, StringComparison.Ordinal);
            Assert.Equal($"/defences/bureau?month=2026-11&bureau={app.Big.Id}#late-list", notice.Link);
        }

        var reports = await app.QueryAsync(db => db.DefenceReports.Where(r => r.Month == November && r.Automatic).Select(r => r.BureauId).ToListAsync());
        Assert.Contains(app.Big.Id, reports);
        Assert.Contains(app.City.City.Id, reports);
        Assert.Equal(4, reports.Count); // the city, 甲县, 乙县 and 大县

        // Mended, the retry sends the missing notice only.
        await using (var conn = new NpgsqlConnection(app.OwnerConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("DROP TRIGGER refuse_one ON \"Notifications\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        var retry = await RunAtAsync(China(11, 26, 9));
        Assert.Equal(1, retry.LateNotices);
        Assert.Equal(0, retry.ReportsQueued);
        var after = await app.QueryAsync(db => db.Notifications
            .Where(n => n.IdempotencyKey.StartsWith($"{DefenceReminderJob.KeyPrefix}{app.Big.Id}:")).Select(n => n.UserId).ToListAsync());
        Assert.Equal(app.Officers.Order(), after.Order());
    }

    private async Task<DefenceReminderResult> RunAtAsync(DateTimeOffset at)
    {
        app.Clock.Set(at);
        await using var scope = app.Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test");
        return await ActivatorUtilities.CreateInstance<DefenceReminderJob>(scope.ServiceProvider).RunAsync();
    }
}
