using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;
using SafeCampus.Web.Features.Organisation.Import;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Pledges;

/// <summary>The record is not visible in the caller's scope. Pages show "not found".</summary>
public sealed class PledgeNotFoundException() : Exception("Pledge record not found in scope.");

/// <summary>How the bureau picks the schools of a campaign: all of its subtree, or the listed ones.</summary>
public sealed record CampaignAudience(IReadOnlyList<Guid>? SchoolIds);

public sealed record LaunchInput(
    string Title, string SchoolYear, Guid? PrincipalTemplateId, Guid? StaffTemplateId, Guid? ParentTemplateId, DateOnly Deadline,
    IReadOnlyList<int> Reminders, CampaignAudience Audience);

/// <summary>One staff member the principal passes the staff pledge to, with the post they sign for.</summary>
public sealed record StaffAssignment(string UserId, StaffPost Post);

public sealed record RosterResult(int Added, int Skipped, IReadOnlyList<string> Errors);

/// <summary>
/// The use cases of pledges: templates and versions (bureau), launching a campaign, signing, passing the next layer
/// down and importing the class roster (school). Loads through the tenant filter; reads above the caller's place in
/// the tree (a county using the city's templates, a school reading its bureau's campaign) only by the ids it may see.
/// </summary>
public sealed class PledgeService(AppDbContext db, TenantScope scope, TimeProvider clock, ReceiptTokens tokens)
{
    public const int MaxRosterRows = 5000;

    // ---------- templates ----------

    /// <summary>Templates of the caller's bureau and of the bureaus above it (a county uses the city's).</summary>
    public IQueryable<PledgeTemplate> UsableTemplates()
    {
        var path = scope.Path ?? "/";
        var ancestors = DrillSettings.AncestorPaths(path);
        return db.PledgeTemplates.AcrossTenants().Where(t => ancestors.Contains(t.ScopePath));
    }

    public async Task<PledgeTemplate> CreateTemplateAsync(PledgeKind kind, string name, string body, CancellationToken ct = default)
    {
        var bureau = await CurrentBureauAsync(ct);
        var (template, first) = PledgeTemplate.Create(bureau, kind, name, body, scope.UserId, clock.GetUtcNow());
        db.PledgeTemplates.Add(template);
        db.PledgeTemplateVersions.Add(first);
        await db.SaveChangesAsync(ct);
        return template;
    }

    /// <summary>Editing adds a version; the template must be the caller's own bureau's.</summary>
    public async Task<PledgeTemplateVersion> ReviseTemplateAsync(Guid templateId, string name, string body, CancellationToken ct = default)
    {
        var bureau = await CurrentBureauAsync(ct);
        var template = await db.PledgeTemplates.SingleOrDefaultAsync(t => t.Id == templateId && t.BureauId == bureau.Id, ct)
            ?? throw new PledgeNotFoundException();
        var version = template.Revise(name, body, scope.UserId, clock.GetUtcNow());
        db.PledgeTemplateVersions.Add(version);
        await db.SaveChangesAsync(ct);
        return version;
    }

    // ---------- campaigns ----------

    public async Task<PledgeCampaign> LaunchAsync(LaunchInput input, CancellationToken ct = default)
    {
        var bureau = await CurrentBureauAsync(ct);
        return await LaunchForAsync(bureau, input, scheduleId: null, ct);
    }

    /// <summary>Launches for a bureau (the caller's, or any for the scheduler in system scope).</summary>
    internal async Task<PledgeCampaign> LaunchForAsync(Bureau bureau, LaunchInput input, Guid? scheduleId, CancellationToken ct)
    {
        var ancestors = DrillSettings.AncestorPaths(bureau.Path);
        var templateIds = new[] { input.PrincipalTemplateId, input.StaffTemplateId, input.ParentTemplateId }.OfType<Guid>().ToList();
        var latest = await db.PledgeTemplates.AcrossTenants().AsNoTracking()
            .Where(t => templateIds.Contains(t.Id) && ancestors.Contains(t.ScopePath))
            .Select(t => new { t.Id, t.LatestVersionId }).ToDictionaryAsync(t => t.Id, t => t.LatestVersionId, ct);
        if (latest.Count != templateIds.Distinct().Count())
        {
            throw new DomainException("Pledges.TemplateUnknown");
        }

        var versionIds = latest.Values.ToList();
        var versions = await db.PledgeTemplateVersions.AcrossTenants().AsNoTracking()
            .Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        PledgeTemplateVersion? Version(Guid? templateId) => templateId is { } id ? versions[latest[id]] : null;

        var schoolsQuery = db.Schools.Where(s => s.ScopePath.StartsWith(bureau.Path));
        if (input.Audience.SchoolIds is { } ids)
        {
            schoolsQuery = schoolsQuery.Where(s => ids.Contains(s.Id));
        }

        var schools = await schoolsQuery.ToListAsync(ct);
        if (schools.Count == 0)
        {
            throw new DomainException("Pledges.NoSchools");
        }

        var now = clock.GetUtcNow();
        var campaign = PledgeCampaign.Launch(bureau,
            new PledgeCampaignSpec(input.Title, input.SchoolYear, Version(input.PrincipalTemplateId), Version(input.StaffTemplateId),
                Version(input.ParentTemplateId), input.Deadline, input.Reminders, scheduleId), scope.UserId, now, clock.Today());
        campaign.SetSchoolCount(schools.Count);
        db.PledgeCampaigns.Add(campaign);
        db.PledgeCampaignSchools.AddRange(schools.Select(s => PledgeCampaignSchool.For(campaign, s)));
        if (campaign.PrincipalVersionId is { } principalVersion)
        {
            var schoolIds = schools.Select(s => s.Id).ToList();
            var principals = await db.Users.Where(u => u.SchoolId != null && schoolIds.Contains(u.SchoolId.Value) && u.Role == UserRole.Principal && !u.IsDisabled)
                .ToListAsync(ct);
            var bySchool = schools.ToDictionary(s => s.Id);
            db.PledgeSignatures.AddRange(principals.Select(p =>
                PledgeSignature.Require(campaign, bySchool[p.SchoolId!.Value], p, PledgeLayer.Principal, StaffPost.Principal, principalVersion, now)));
        }

        await db.SaveChangesAsync(ct);
        return campaign;
    }

    /// <summary>A campaign the caller may see: launched by its bureau, a bureau above it, or (for bureaus) below it.</summary>
    /// <summary>
    /// Withdraws a campaign issued by mistake (撤回). Only the bureau that launched it: a county does not see the city's
    /// campaign to change it, the city does not withdraw a county's. Schools stop seeing it as a task (no signing, no
    /// passing on, no reminders; unacknowledged receipt links expire now); signatures and receipts already given stay
    /// readable. One transaction; the campaign's change is audited with who, when and why.
    /// </summary>
    public Task<PledgeCampaign> WithdrawCampaignAsync(Guid campaignId, string? reason, bool confirmed, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var bureau = await CurrentBureauAsync(ct);
            var campaign = await db.PledgeCampaigns.SingleOrDefaultAsync(c => c.Id == campaignId, ct) ?? throw new PledgeNotFoundException();
            if (campaign.BureauId != bureau.Id)
            {
                throw new DomainException("Campaigns.NotIssuer");
            }

            if (!confirmed)
            {
                throw new DomainException("Campaigns.ConfirmRequired");
            }

            var now = clock.GetUtcNow();
            campaign.Withdraw(scope.UserName, reason ?? "", now);
            await db.SaveChangesAsync(ct);
            await db.NoticeReceipts.Where(r => r.CampaignId == campaignId && r.AcknowledgedAt == null && r.ExpiresAt > now)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.ExpiresAt, now), ct);
            return campaign;
        }, ct);

    public async Task<PledgeCampaign?> FindCampaignAsync(Guid id, CancellationToken ct = default)
    {
        var path = scope.Path ?? (scope.IsSystem ? "/" : null);
        if (path is null)
        {
            return null;
        }

        var ancestors = DrillSettings.AncestorPaths(path);
        var campaign = await db.PledgeCampaigns.AcrossTenants().AsNoTracking()
            .SingleOrDefaultAsync(c => c.Id == id && (ancestors.Contains(c.ScopePath) || c.ScopePath.StartsWith(path)), ct);
        if (campaign is null || scope.SchoolId is not { } schoolId)
        {
            return campaign;
        }

        // A school sees only the campaigns it is in.
        return await db.PledgeCampaignSchools.AnyAsync(s => s.CampaignId == id && s.SchoolId == schoolId, ct) ? campaign : null;
    }

    // ---------- signing ----------

    /// <summary>The exact text the signer reads for a signature of theirs, or null when it is not theirs.</summary>
    public async Task<SigningView?> SigningViewAsync(Guid signatureId, CancellationToken ct = default)
    {
        var signature = await db.PledgeSignatures.AsNoTracking().SingleOrDefaultAsync(s => s.Id == signatureId && s.UserId == scope.UserId, ct);
        if (signature is null)
        {
            return null;
        }

        var campaign = await db.PledgeCampaigns.AcrossTenants().AsNoTracking().SingleAsync(c => c.Id == signature.CampaignId, ct);
        var version = await db.PledgeTemplateVersions.AcrossTenants().AsNoTracking().SingleAsync(v => v.Id == signature.VersionId, ct);
        var school = await db.Schools.AsNoTracking().Where(s => s.Id == signature.SchoolId).Select(s => s.Name).SingleAsync(ct);
        var bureau = await db.Bureaus.AcrossTenants().AsNoTracking().Where(b => b.Id == campaign.BureauId).Select(b => b.Name).SingleAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == signature.UserId).Select(u => u.FullName).SingleAsync(ct);
        var context = new PledgeContext(bureau, school, campaign.SchoolYear, campaign.Deadline, user, PledgeWords.Post(signature.Post));
        var title = PledgeText.Render(version.Title, context);
        var text = signature.SignedText ?? title + "\n\n" + PledgeText.Render(version.Body, context);
        return new SigningView(signature, campaign, version, school, user, title, text, PledgeSignature.Sha256Hex(text));
    }

    public async Task SignAsync(Guid signatureId, SignInput input, CancellationToken ct = default)
    {
        var view = await SigningViewAsync(signatureId, ct) ?? throw new PledgeNotFoundException();
        if (view.Signature.IsSigned)
        {
            throw new DomainException("Pledges.AlreadySigned");
        }

        if (view.Campaign.IsWithdrawn)
        {
            throw new DomainException("Pledges.CampaignWithdrawn");
        }

        if (!view.Campaign.IsOpen(clock.Today()))
        {
            throw new DomainException("Pledges.CampaignClosed");
        }

        if (!string.Equals(input.TextSha256, view.TextSha256, StringComparison.Ordinal))
        {
            throw new DomainException("Pledges.TextChanged");
        }

        var signature = await db.PledgeSignatures.SingleAsync(s => s.Id == signatureId, ct);
        var role = signature.Layer == PledgeLayer.Principal ? PledgeWords.Post(StaffPost.Principal) : PledgeWords.Post(signature.Post);
        signature.Sign(new SignatureEvidence(input.TypedName, view.SignerName, input.Confirmed, role, view.SchoolName, view.Text, input.Ip, input.UserAgent,
            input.Drawing), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    // ---------- the school's layers ----------

    public async Task PassOnToStaffAsync(Guid campaignId, IReadOnlyList<StaffAssignment> staff, CancellationToken ct = default)
    {
        var (campaign, entry, school) = await SchoolEntryForPrincipalAsync(campaignId, ct);
        var versionId = campaign.StaffVersionId ?? throw new DomainException("Pledges.NoStaffLayer");
        var ids = staff.Select(s => s.UserId).Distinct().ToList();
        var users = await db.Users.Where(u => ids.Contains(u.Id) && u.SchoolId == school.Id && !u.IsDisabled && u.Role != UserRole.Principal).ToListAsync(ct);
        if (users.Count != ids.Count)
        {
            throw new DomainException("Pledges.SignerInvalid");
        }

        var already = await db.PledgeSignatures.Where(s => s.CampaignId == campaignId && s.Layer == PledgeLayer.Staff && ids.Contains(s.UserId))
            .Select(s => s.UserId).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var a in staff.Where(a => !already.Contains(a.UserId)).DistinctBy(a => a.UserId))
        {
            if (a.Post == StaffPost.Principal)
            {
                throw new DomainException("Pledges.SignerInvalid");
            }

            db.PledgeSignatures.Add(PledgeSignature.Require(campaign, school, users.Single(u => u.Id == a.UserId), PledgeLayer.Staff, a.Post, versionId, now));
        }

        entry.MarkPassedOn(scope.UserId, now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Imports a class roster (班级, 学生姓名, 监护人姓名; a header row is recognised) and issues one receipt link per new
    /// student. Any bad row: nothing is saved and every bad row is listed with its number. Students already issued
    /// (same class and name) are skipped, so importing the same file twice is harmless.
    /// </summary>
    public async Task<RosterResult> ImportRosterAsync(Guid campaignId, byte[] file, CancellationToken ct = default)
    {
        var (campaign, entry, _) = await SchoolEntryForPrincipalAsync(campaignId, ct);
        if (campaign.ParentVersionId is null)
        {
            throw new DomainException("Pledges.NoParentLayer");
        }

        var sheet = SpreadsheetReader.Read(file, MaxRosterRows);
        if (sheet.Error is { } error)
        {
            return new RosterResult(0, 0, [error]);
        }

        if (sheet.TooManyRows)
        {
            return new RosterResult(0, 0, [string.Format(System.Globalization.CultureInfo.CurrentCulture, PledgesText.Roster_TooManyRows, MaxRosterRows)]);
        }

        var (lines, errors) = RosterParser.Parse(sheet.Rows);
        if (errors.Count > 0)
        {
            return new RosterResult(0, 0, errors);
        }

        var existing = (await db.NoticeReceipts.Where(r => r.CampaignId == campaignId && r.SchoolId == entry.SchoolId)
            .Select(r => new { r.ClassName, r.StudentName }).ToListAsync(ct)).Select(r => (r.ClassName, r.StudentName)).ToHashSet();
        var now = clock.GetUtcNow();
        var expires = ExpiresAt(campaign.Deadline);
        var added = 0;
        foreach (var line in lines.Where(l => !existing.Contains((l.ClassName, l.StudentName))))
        {
            var token = tokens.New();
            db.NoticeReceipts.Add(NoticeReceipt.Issue(entry, line, token.Hash, token.Protected, expires, now));
            added++;
        }

        entry.MarkPassedOn(scope.UserId, now);
        await db.SaveChangesAsync(ct);
        return new RosterResult(added, lines.Count - added, []);
    }

    /// <summary>Links expire at the end of the deadline day, China time.</summary>
    public static DateTimeOffset ExpiresAt(DateOnly deadline)
    {
        var local = deadline.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, China.TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }

    private async Task<(PledgeCampaign Campaign, PledgeCampaignSchool Entry, Domain.School School)> SchoolEntryForPrincipalAsync(Guid campaignId, CancellationToken ct)
    {
        if (scope.SchoolId is not { } schoolId)
        {
            throw new DomainException("Pledges.PrincipalOnly");
        }

        var principal = await db.Users.AnyAsync(u => u.Id == scope.UserId && u.Role == UserRole.Principal, ct);
        if (!principal)
        {
            throw new DomainException("Pledges.PrincipalOnly");
        }

        var entry = await db.PledgeCampaignSchools.SingleOrDefaultAsync(e => e.CampaignId == campaignId && e.SchoolId == schoolId, ct)
            ?? throw new PledgeNotFoundException();
        var campaign = await db.PledgeCampaigns.AcrossTenants().AsNoTracking().SingleAsync(c => c.Id == campaignId, ct);
        if (campaign.IsWithdrawn)
        {
            throw new DomainException("Pledges.CampaignWithdrawn");
        }

        if (!campaign.IsOpen(clock.Today()))
        {
            throw new DomainException("Pledges.CampaignClosed");
        }

        if (campaign.PrincipalVersionId is not null
            && !await db.PledgeSignatures.AnyAsync(s => s.CampaignId == campaignId && s.UserId == scope.UserId && s.Layer == PledgeLayer.Principal && s.SignedAt != null, ct))
        {
            throw new DomainException("Pledges.PrincipalFirst");
        }

        var school = await db.Schools.SingleAsync(s => s.Id == schoolId, ct);
        return (campaign, entry, school);
    }

    private async Task<Bureau> CurrentBureauAsync(CancellationToken ct) =>
        scope.BureauId is { } id && scope.SchoolId is null
            ? await db.Bureaus.SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw new PledgeNotFoundException()
            : throw new PledgeNotFoundException();
}

public sealed record SigningView(
    PledgeSignature Signature, PledgeCampaign Campaign, PledgeTemplateVersion Version, string SchoolName, string SignerName, string Title, string Text, string TextSha256);

public sealed record SignInput(string TypedName, bool Confirmed, string TextSha256, string? Drawing, string? Ip, string? UserAgent);

/// <summary>Reads roster rows: 班级 | 学生姓名 | 监护人姓名, with row numbers in every message.</summary>
public static class RosterParser
{
    public static (List<RosterLine> Lines, List<string> Errors) Parse(IReadOnlyList<SheetRow> rows)
    {
        var c = System.Globalization.CultureInfo.CurrentCulture;
        var lines = new List<RosterLine>();
        var errors = new List<string>();
        var seen = new Dictionary<(string, string), int>();
        foreach (var row in rows)
        {
            var (cls, student, guardian) = (row.Cell(0), row.Cell(1), row.Cell(2));
            if (row == rows[0] && cls.Contains("班级", StringComparison.Ordinal))
            {
                continue;
            }

            var problems = new List<string>();
            if (cls.Length is 0 or > 30)
            {
                problems.Add(PledgesText.Roster_ClassInvalid);
            }

            if (student.Length is 0 or > 30)
            {
                problems.Add(PledgesText.Roster_StudentInvalid);
            }

            if (guardian.Length > 30)
            {
                problems.Add(PledgesText.Roster_GuardianInvalid);
            }

            if (problems.Count == 0 && seen.TryGetValue((cls, student), out var first))
            {
                problems.Add(string.Format(c, PledgesText.Roster_Duplicate, first));
            }

            if (problems.Count > 0)
            {
                errors.Add(string.Format(c, PledgesText.Roster_RowError, row.Number, string.Join("；", problems)));
                continue;
            }

            seen[(cls, student)] = row.Number;
            lines.Add(new RosterLine(cls, student, guardian.Length == 0 ? null : guardian));
        }

        if (lines.Count == 0 && errors.Count == 0)
        {
            errors.Add(PledgesText.Roster_Empty);
        }

        return (lines, errors);
    }
}
