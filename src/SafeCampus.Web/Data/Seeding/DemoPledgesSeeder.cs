using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Pledges;
using SafeCampus.Web.Infrastructure;

namespace SafeCampus.Web.Data.Seeding;

/// <summary>
/// Pledges of the demo city: the default templates, four recurring campaigns (bus safety and drowning prevention in
/// May and September, the winter and summer holiday notices), and this school year's responsibility-pledge campaign,
/// launched twelve days ago and closing in nine, at varied completion: 青山县实验小学's principal and about two in
/// three of the other schools' principals have signed and passed the staff pledge on (see <see cref="HasSigned"/>),
/// most schools have imported rosters with 0–100 % of receipts back (a few flagged), some have none yet;
/// 青山县第一中学 and 云溪区第一幼儿园 still wait for their principals. Deterministic.
/// </summary>
public sealed class DemoPledgesSeeder(AppDbContext db, TimeProvider clock, ReceiptTokens tokens)
{
    public const string CampaignTitle = "2026—2027学年学校安全目标管理责任书签订";

    /// <summary>The one school with named demo logins whose principal has signed (see <see cref="HasSigned"/> for the others).</summary>
    public const string SignedSchool = "青山县实验小学";

    /// <summary>
    /// Whether a principal has signed this year's pledge in the demo: 青山县实验小学's, and about two in three of the
    /// schools' generated principals (<see cref="DemoSeeder.SchoolPrincipals"/>); the named logins of 青山县第一中学 and
    /// 云溪区第一幼儿园 have not, so they can sign in the demo.
    /// </summary>
    public static bool HasSigned(string school, string? userName) =>
        school == SignedSchool || (userName is not null && SignedPrincipals.Contains(userName));

    /// <summary>Two of every three generated principals, in their order.</summary>
    private static readonly HashSet<string> SignedPrincipals =
        DemoSeeder.SchoolPrincipals().Where((_, i) => i % 3 != 2).Select(p => p.UserName).ToHashSet(StringComparer.Ordinal);

    /// <summary>Schools without a roster yet (delivery 0/0).</summary>
    public static readonly IReadOnlyList<string> NoRosterSchools = ["青山县第一中学", "云溪区北山学校", "青山县东湖镇中心幼儿园"];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗"];
    private static readonly string[] Given = ["子涵", "浩然", "欣怡", "宇轩", "梓萱", "俊杰", "雨桐", "一诺", "思远", "佳怡", "明轩", "语嫣", "天佑", "诗琪", "博文", "若曦"];
    private static readonly string[] Relationships = ["父亲", "母亲", "母亲", "父亲", "祖母", "外祖母"];

    public async Task SeedAsync(Bureau city, IReadOnlyCollection<School> schools, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = clock.Today();
        var templates = PledgeDefaults.For(city, now.AddDays(-30)).ToList();
        db.PledgeTemplates.AddRange(templates.Select(t => t.Template));
        db.PledgeTemplateVersions.AddRange(templates.Select(t => t.First));
        var byKind = templates.ToDictionary(t => t.Template.Kind);
        db.PledgeSchedules.AddRange(
            PledgeSchedule.Create(city, "学生乘车安全和防溺水保证书签订（春季）", null, null, byKind[PledgeKind.StudentBusDrowning].Template.Id, 5, 6, 14, "7,3,1"),
            PledgeSchedule.Create(city, "学生乘车安全和防溺水保证书签订（秋季）", null, null, byKind[PledgeKind.StudentBusDrowning].Template.Id, 9, 5, 14, "7,3,1"),
            PledgeSchedule.Create(city, "寒假告学生家长书", null, null, byKind[PledgeKind.HolidayNotice].Template.Id, 1, 10, 10, "3,1"),
            PledgeSchedule.Create(city, "暑假告学生家长书", null, null, byKind[PledgeKind.HolidayNotice].Template.Id, 7, 1, 10, "3,1"));

        var launched = now.AddDays(-12);
        var start = today.Month >= 8 ? today.Year : today.Year - 1;
        var campaign = PledgeCampaign.Launch(city, new PledgeCampaignSpec(CampaignTitle, $"{start}—{start + 1}学年",
            byKind[PledgeKind.BureauPrincipal].First, byKind[PledgeKind.PrincipalStaff].First, byKind[PledgeKind.ParentNotice].First,
            today.AddDays(9), [7, 3, 1]), null, launched, today);
        campaign.SetSchoolCount(schools.Count);
        db.PledgeCampaigns.Add(campaign);
        var entries = schools.ToDictionary(s => s.Id, s => PledgeCampaignSchool.For(campaign, s));
        db.PledgeCampaignSchools.AddRange(entries.Values);

        var users = await db.Users.Where(u => u.SchoolId != null && !u.IsDisabled).ToListAsync(ct);
        var bySchool = schools.ToDictionary(s => s.Id);
        foreach (var principal in users.Where(u => u.Role == UserRole.Principal))
        {
            var school = bySchool[principal.SchoolId!.Value];
            var signature = PledgeSignature.Require(campaign, school, principal, PledgeLayer.Principal, StaffPost.Principal, campaign.PrincipalVersionId!.Value, launched);
            db.PledgeSignatures.Add(signature);
            if (!HasSigned(school.Name, principal.UserName))
            {
                continue;
            }

            var context = new PledgeContext(city.Name, school.Name, campaign.SchoolYear, campaign.Deadline, principal.FullName, PledgeWords.Post(StaffPost.Principal));
            var version = byKind[PledgeKind.BureauPrincipal].First;
            var text = PledgeText.Render(version.Title, context) + "\n\n" + PledgeText.Render(version.Body, context);
            var signedAt = school.Name == SignedSchool ? launched.AddDays(2).AddHours(3) : launched.AddDays(1 + (school.Name.Length % 9)).AddHours(2 + school.Name.Length % 7);
            signature.Sign(new SignatureEvidence(principal.FullName, principal.FullName, true, PledgeWords.Post(StaffPost.Principal), school.Name, text,
                "10.20.3.15", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) MicroMessenger/8.0.49", null), signedAt);
            entries[school.Id].MarkPassedOn(principal.Id, signedAt.AddHours(1));
            foreach (var staff in users.Where(u => u.SchoolId == school.Id && u.Role != UserRole.Principal))
            {
                db.PledgeSignatures.Add(PledgeSignature.Require(campaign, school, staff, PledgeLayer.Staff,
                    staff.Role == UserRole.SafetyDirector ? StaffPost.MiddleManager : StaffPost.ClassTeacher, campaign.StaffVersionId!.Value, launched.AddDays(2).AddHours(4)));
            }
        }

        var expires = PledgeService.ExpiresAt(campaign.Deadline);
        foreach (var school in schools.Where(s => !NoRosterSchools.Contains(s.Name)).OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            var random = new Random(school.Name.Sum(c => c) * 31);
            // Completion from none to all, spread over the schools; the signed school is well on its way.
            var share = school.Name == SignedSchool ? 0.85 : random.Next(0, 11) / 10.0;
            var classes = school.Kind == SchoolKind.Kindergarten ? new[] { "大一班", "中一班" } : new[] { "一年级1班", "一年级2班", "二年级1班" };
            var issued = launched.AddDays(3);
            var burstAt = now.AddDays(-2);
            var flaggedLeft = random.Next(0, 3);
            foreach (var cls in classes)
            {
                var offset = random.Next(Given.Length);
                for (var i = 0; i < 10; i++)
                {
                    // Ten different given names per class (consecutive indexes), so names never repeat within a class.
                    var student = Surnames[random.Next(Surnames.Length)] + Given[(offset + i) % Given.Length];
                    var guardian = Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)][..1] + "华";
                    var token = tokens.New();
                    var receipt = NoticeReceipt.Issue(entries[school.Id], new RosterLine(cls, student, guardian), token.Hash, token.Protected, expires, issued);
                    db.NoticeReceipts.Add(receipt);
                    if (random.NextDouble() < share)
                    {
                        var flagged = flaggedLeft > 0 && random.Next(4) == 0;
                        flaggedLeft -= flagged ? 1 : 0;
                        var at = flagged ? burstAt.AddSeconds(i * 7) : issued.AddHours(random.Next(2, 200));
                        receipt.Acknowledge(new Acknowledged(guardian, Relationships[random.Next(Relationships.Length)],
                            flagged ? "36.112.5.20" : $"112.{random.Next(10, 250)}.{random.Next(1, 250)}.{random.Next(1, 250)}", Guid.NewGuid().ToString("N"),
                            "Mozilla/5.0 (Linux; Android 13) MicroMessenger/8.0.47", flagged ? ReceiptFlags.Burst : ReceiptFlags.None), Min(at, now.AddMinutes(-5)));
                    }
                }
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
