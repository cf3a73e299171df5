using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure;

namespace SafeCampus.Web.Data.Seeding;

/// <summary>
/// Twelve months of 三防 returns for the demo schools, made through the domain so they obey the same rules. Deterministic
/// per school (a generator seeded by its name); months are relative to the clock's today.
/// <list type="bullet">
/// <item>Figures follow the school's size; cameras and equipment grow a little month by month.</item>
/// <item>Past months: mostly accepted; about one in eight submitted late; about one in twenty missing (no return or a
/// draft); a few schools keep video only 15 days or have a low wall (non-compliant). Months older than two are closed.</item>
/// <item>This month: some schools have submitted, some have drafts, the rest (and the demo login schools) nothing yet.</item>
/// </list>
/// </summary>
public sealed class DemoDefencesSeeder(AppDbContext db, TimeProvider clock)
{
    /// <summary>Schools whose demo users file this month's return themselves (left empty).</summary>
    public static readonly IReadOnlyList<string> FileThemselves = ["青山县第一中学", "青山县实验小学", "云溪区第一幼儿园"];

    public async Task SeedAsync(IReadOnlyCollection<School> schools, CancellationToken ct = default)
    {
        var today = clock.Today();
        var current = DefenceReturn.FirstOfMonth(today);
        var standard = DefenceStandard.Defaults();
        var users = await db.Users.Where(u => u.SchoolId != null && (u.Role == UserRole.SafetyDirector || u.Role == UserRole.Principal))
            .Select(u => new { u.Id, SchoolId = u.SchoolId!.Value, u.Role }).ToListAsync(ct);
        var officers = await db.Users.Where(u => u.SchoolId == null && u.Role == UserRole.BureauSafetyOfficer)
            .Select(u => new { u.Id, BureauId = u.BureauId!.Value }).ToListAsync(ct);
        foreach (var school in schools.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            var random = new Random(BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes("defences:" + school.Name))));
            var director = users.FirstOrDefault(u => u.SchoolId == school.Id && u.Role == UserRole.SafetyDirector)?.Id ?? "demo";
            var principal = users.FirstOrDefault(u => u.SchoolId == school.Id && u.Role == UserRole.Principal)?.Id ?? "demo";
            var officer = officers.FirstOrDefault(o => o.BureauId == school.BureauId)?.Id ?? "demo";
            var profile = Profile(school, random);
            for (var back = 12; back >= 0; back--)
            {
                var month = current.AddMonths(-back);
                var values = profile(12 - back);
                var due = standard.DueDate(month);
                var roll = random.NextDouble();
                if (back == 0)
                {
                    if (FileThemselves.Contains(school.Name) || roll < 0.35)
                    {
                        continue;
                    }

                    var at = China(month.AddDays(random.Next(0, Math.Max(1, today.Day - 1))), 10);
                    var draft = DefenceReturn.Start(school, month, standard, null, director, at);
                    draft.Save(values, school, standard, director, at);
                    if (roll > 0.6 && today.Day > 1)
                    {
                        draft.Submit(director, at);
                        if (roll > 0.8)
                        {
                            draft.Confirm(principal, at.AddHours(3));
                        }
                    }

                    db.DefenceReturns.Add(draft);
                    continue;
                }

                if (roll < 0.05)
                {
                    continue; // missing altogether
                }

                var late = roll < 0.18;
                var submitted = China(late ? due.AddDays(random.Next(1, 4)) : due.AddDays(-random.Next(0, 10)), 9 + random.Next(0, 8));
                var r = DefenceReturn.Start(school, month, standard, null, director, submitted.AddDays(-2));
                r.Save(values, school, standard, director, submitted.AddDays(-2));
                if (roll < 0.08)
                {
                    db.DefenceReturns.Add(r); // a draft never submitted
                    continue;
                }

                r.Submit(director, submitted);
                r.Confirm(principal, submitted.AddHours(2));
                if (back > 1 || roll > 0.5)
                {
                    r.Accept(officer, submitted.AddDays(2));
                }

                if (back > 2)
                {
                    r.Lock();
                }

                db.DefenceReturns.Add(r);
            }
        }

        var counties = await db.Bureaus.Where(b => b.Level == BureauLevel.County).ToListAsync(ct);
        foreach (var county in counties)
        {
            for (var back = 3; back <= 12; back++)
            {
                var month = current.AddMonths(-back);
                db.DefenceMonthClosures.Add(DefenceMonthClosure.Close(county, month, officers.FirstOrDefault(o => o.BureauId == county.Id)?.Id,
                    China(month.AddMonths(1).AddDays(4), 17)));
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The school's figures in month number <c>i</c> (0 = a year ago): sized to the school, slowly improving.</summary>
    private static Func<int, Dictionary<string, decimal>> Profile(School school, Random random)
    {
        var people = school.Students + school.Staff;
        var gates = people > 1200 ? 2 : 1;
        var required = Math.Max(2 * gates, people > 1500 ? (int)Math.Ceiling(people * (school.IsBoarding ? 3 : 2) / 1000m) : 0);
        var shortOfGuards = random.NextDouble() < 0.15;
        var guards = required + random.Next(0, 3) + (shortOfGuards ? 0 : 1);
        var fullTime = shortOfGuards ? Math.Max(1, required - 1) : required + random.Next(0, 2);
        fullTime = Math.Min(fullTime, guards);
        var lowWall = random.NextDouble() < 0.1;
        var shortVideo = random.NextDouble() < 0.12;
        var noAlarm = random.NextDouble() < 0.06;
        var dorm = school.IsBoarding ? 2 + people / 400 : 0;
        var cameras = Math.Max(8, people / 25);
        return i => new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            [DefenceFields.Guards] = guards,
            [DefenceFields.FullTimeGuards] = fullTime,
            [DefenceFields.TrainedGuards] = Math.Max(0, guards - (i < 6 ? 1 : 0)),
            [DefenceFields.GuardsOver60] = guards > 3 ? 1 : 0,
            [DefenceFields.OpenGates] = gates,
            [DefenceFields.DormManagers] = dorm,
            [DefenceFields.FullTimeDormManagers] = dorm > 0 ? dorm - 1 : 0,
            [DefenceFields.PatrolTeam] = 1,
            [DefenceFields.NightWatch] = school.IsBoarding || people > 800 ? 1 : 0,
            [DefenceFields.ResidentPolice] = people > 1500 ? 1 : 0,
            [DefenceFields.LegalVicePrincipal] = 1,
            [DefenceFields.WallHeight] = lowWall ? 1.8m : 2.0m + (people % 5) / 10m,
            [DefenceFields.CampusClosed] = 1,
            [DefenceFields.Bollards] = people > 600 || i > 8 ? 1 : 0,
            [DefenceFields.PoliceEquipment] = 12,
            [DefenceFields.FireExtinguishers] = people / 20 + i,
            [DefenceFields.EmergencyLights] = people / 30 + i / 2,
            [DefenceFields.EvacuationSigns] = people / 35 + i / 3,
            [DefenceFields.Cameras] = cameras + i / 2,
            [DefenceFields.FullCoverage] = i > 4 ? 1 : 0,
            [DefenceFields.DigitalSignal] = 1,
            [DefenceFields.CamerasOutsideGate] = 1,
            [DefenceFields.CamerasNetworked] = 1,
            [DefenceFields.OneKeyAlarm] = noAlarm && i < 10 ? 0 : 1,
            [DefenceFields.DormAlarms] = school.IsBoarding ? 4 + people / 300 : 0,
            [DefenceFields.MonitoringStaffed] = 1,
            [DefenceFields.VideoDays] = shortVideo ? 15 : 30 + (i > 6 ? 30 : 0),
        };
    }

    private static DateTimeOffset China(DateOnly day, int hour) =>
        new DateTimeOffset(day.Year, day.Month, day.Day, hour, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();
}
