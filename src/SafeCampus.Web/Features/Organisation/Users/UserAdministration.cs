using System.Globalization;
using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Account;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Organisation.Users;

public enum UserStatus
{
    Active,
    MustChangePassword,
    Disabled,
    LockedOut,
}

public sealed record UserFilter(string? Search, UserRole? Role, Guid? OrgId, int Page)
{
    public static UserFilter Parse(string? q, string? role, string? org, string? page) => new(
        string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
        Enum.TryParse<UserRole>(role, ignoreCase: true, out var r) && Enum.IsDefined(r) ? r : null,
        Paging.ParseGuid(org),
        Paging.ParsePage(page));

    public Dictionary<string, string?> ToQuery(int page) => new()
    {
        ["q"] = Search,
        ["role"] = Role?.ToString(),
        ["org"] = OrgId?.ToString(),
        ["page"] = page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null,
    };
}

public sealed record UserRow(string Id, string FullName, string UserName, UserRole Role, string OrgName, UserStatus Status);

public sealed record UserView(
    string Id, string FullName, string UserName, string? Email, UserRole Role, string OrgName, UserStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset? OneTimePasswordExpiresAt, Guid OrgId)
{
    /// <summary>The change form, filled with what the account has now.</summary>
    public UserInput ToInput() => new() { FullName = FullName, UserName = UserName, Email = Email, Role = Role.ToString(), OrgId = OrgId.ToString() };
}

/// <summary>A bureau or school a user can belong to. <see cref="Group"/> is the heading it is listed under.</summary>
public sealed record OrgUnitOption(Guid Id, string Name, bool IsSchool, string Group);

public sealed class UserInput
{
    public string? FullName { get; set; }
    public string? UserName { get; set; }
    public string? Email { get; set; }
    public string? Role { get; set; }
    public string? OrgId { get; set; }
}

/// <summary>The outcome of creating a user or resetting a password: on success the one-time password, shown once.</summary>
public sealed record PasswordIssued(Outcome Outcome, FormErrors Errors, string? UserId = null, string? UserName = null,
    string? FullName = null, string? Password = null, DateTimeOffset? ExpiresAt = null)
{
    public bool Succeeded => Outcome == Outcome.Ok;

    public static PasswordIssued Failed(Outcome outcome, FormErrors? errors = null) => new(outcome, errors ?? new FormErrors());

    public static PasswordIssued Failed(string message)
    {
        var errors = new FormErrors();
        errors.Add(message);
        return new(Outcome.Invalid, errors);
    }
}

/// <summary>
/// User accounts in the administrator's scope: list, create with a one-time password, reset it, disable and enable,
/// change name, role and unit.
/// Every change goes through <see cref="UserManager{TUser}"/> (hashing, validators, security stamp).
/// </summary>
public sealed class UserAdministration(
    AppDbContext db, UserManager<AppUser> users, TenantScope scope, OneTimePasswordGenerator passwords, TimeProvider clock)
{
    public const int PageSize = 50;

    public async Task<PageOf<UserRow>> ListAsync(UserFilter f, CancellationToken ct = default)
    {
        var query = db.Users.AsNoTracking();
        if (f.Search is { } search)
        {
            query = query.Where(u => u.FullName.Contains(search) || u.UserName!.Contains(search) || (u.Email != null && u.Email.Contains(search)));
        }

        if (f.Role is { } role)
        {
            query = query.Where(u => u.Role == role);
        }

        if (f.OrgId is { } orgId)
        {
            // A bureau means its own staff and everyone in its schools; an id outside the scope matches nobody.
            var path = await OrgPathAsync(orgId, ct) ?? TenantScope.Nothing;
            query = query.Where(u => u.ScopePath.StartsWith(path));
        }

        var total = await query.CountAsync(ct);
        var page = Paging.Clamp(f.Page, total, PageSize);
        var now = clock.GetUtcNow();
        var items = await query.OrderBy(u => u.ScopePath).ThenBy(u => u.Role).ThenBy(u => u.UserName)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(u => new UserRow(u.Id, u.FullName, u.UserName!, u.Role,
                (u.SchoolId != null
                    ? db.Schools.Where(s => s.Id == u.SchoolId).Select(s => s.Name).FirstOrDefault()
                    : db.Bureaus.Where(b => b.Id == u.BureauId).Select(b => b.Name).FirstOrDefault()) ?? "",
                u.IsDisabled ? UserStatus.Disabled
                    : u.LockoutEnd != null && u.LockoutEnd > now ? UserStatus.LockedOut
                    : u.MustChangePassword ? UserStatus.MustChangePassword
                    : UserStatus.Active))
            .ToListAsync(ct);
        return new PageOf<UserRow>(items, total, page, PageSize);
    }

    public async Task<UserView?> GetAsync(string id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new UserView(u.Id, u.FullName, u.UserName!, u.Email, u.Role,
                (u.SchoolId != null
                    ? db.Schools.Where(s => s.Id == u.SchoolId).Select(s => s.Name).FirstOrDefault()
                    : db.Bureaus.Where(b => b.Id == u.BureauId).Select(b => b.Name).FirstOrDefault()) ?? "",
                u.IsDisabled ? UserStatus.Disabled
                    : u.LockoutEnd != null && u.LockoutEnd > now ? UserStatus.LockedOut
                    : u.MustChangePassword ? UserStatus.MustChangePassword
                    : UserStatus.Active,
                u.CreatedAt, u.OneTimePasswordExpiresAt, u.SchoolId ?? u.BureauId ?? Guid.Empty))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Bureaus in scope (for the list's filter).</summary>
    public Task<List<OrgUnitOption>> BureauOptionsAsync(CancellationToken ct = default) =>
        db.Bureaus.AsNoTracking().OrderBy(b => b.Level).ThenBy(b => b.Name)
            .Select(b => new OrgUnitOption(b.Id, b.Name, false, "")).ToListAsync(ct);

    /// <summary>Every unit a new user can belong to: bureaus first, then schools grouped by county.</summary>
    public async Task<List<OrgUnitOption>> UnitOptionsAsync(CancellationToken ct = default)
    {
        var bureaus = await db.Bureaus.AsNoTracking().OrderBy(b => b.Level).ThenBy(b => b.Name)
            .Select(b => new OrgUnitOption(b.Id, b.Name, false, OrganisationText.GroupBureaus)).ToListAsync(ct);
        var schools = await (
            from s in db.Schools.AsNoTracking()
            join b in db.Bureaus on s.BureauId equals b.Id
            orderby b.Name, s.Name
            select new OrgUnitOption(s.Id, s.Name, true, b.Name)).ToListAsync(ct);
        return [.. bureaus, .. schools];
    }

    /// <summary>The name of a bureau or school in scope, or null.</summary>
    public async Task<string?> UnitNameAsync(Guid id, CancellationToken ct = default) =>
        await db.Bureaus.Where(b => b.Id == id).Select(b => b.Name).FirstOrDefaultAsync(ct)
        ?? await db.Schools.Where(s => s.Id == id).Select(s => s.Name).FirstOrDefaultAsync(ct);

    public async Task<PasswordIssued> CreateAsync(UserInput input, CancellationToken ct = default)
    {
        var errors = new FormErrors();
        var fullName = errors.Text(nameof(input.FullName), OrganisationText.FullName, input.FullName, 50);
        var userName = errors.Text(nameof(input.UserName), OrganisationText.UserName, input.UserName, 64);
        var email = errors.Text(nameof(input.Email), OrganisationText.Email, input.Email, 256, required: false);
        if (!string.IsNullOrEmpty(email) && (!MailAddress.TryCreate(email, out var address) || address.Address != email))
        {
            errors.Add(nameof(input.Email), OrganisationText.EmailInvalid);
        }

        var (role, bureau, school) = await RoleAndUnitAsync(input, errors, ct);
        if (role == UserRole.Principal && school is not null)
        {
            await CheckOnePrincipalAsync(school, exceptUserId: null, errors, ct);
        }

        if (errors.Any)
        {
            return PasswordIssued.Failed(Outcome.Invalid, errors);
        }

        var now = clock.GetUtcNow();
        var user = bureau is not null
            ? AppUser.ForBureau(bureau, userName!, fullName!, role!.Value, now)
            : AppUser.ForSchool(school!, userName!, fullName!, role!.Value, now);
        user.Email = string.IsNullOrEmpty(email) ? null : email;
        user.MustChangePassword = true;
        user.OneTimePasswordExpiresAt = now + IdentitySetup.OneTimePasswordLifetime;
        var password = passwords.Generate();
        IdentityResult result;
        try
        {
            // User names are unique across all tenants, but the tenant filter hides other counties' users from
            // Identity's duplicate check: run the create with the whole tree visible. The target was checked above.
            using (scope.EnterSystem("user-admin"))
            {
                result = await users.CreateAsync(user, password);
            }
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            result = IdentityResult.Failed(new ChineseIdentityErrorDescriber().DuplicateUserName(userName!));
        }

        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            foreach (var error in result.Errors)
            {
                if (FieldOf(error.Code) is { } field)
                {
                    errors.Add(field, error.Description);
                }
                else
                {
                    errors.Add(error.Description);
                }
            }

            return PasswordIssued.Failed(Outcome.Invalid, errors);
        }

        return new PasswordIssued(Outcome.Ok, errors, user.Id, user.UserName, user.FullName, password, user.OneTimePasswordExpiresAt);
    }

    /// <summary>Issues a new one-time password; the old password stops working and a lockout (not a disable) is lifted.</summary>
    public async Task<PasswordIssued> ResetPasswordAsync(string id, CancellationToken ct = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return PasswordIssued.Failed(Outcome.NotFound);
        }

        if (user.Id == scope.UserId)
        {
            return PasswordIssued.Failed(OrganisationText.CannotResetSelf);
        }

        var now = clock.GetUtcNow();
        var password = passwords.Generate();
        user.MustChangePassword = true;
        user.OneTimePasswordExpiresAt = now + IdentitySetup.OneTimePasswordLifetime;
        if (!user.IsDisabled)
        {
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
        }

        // One save: the reset writes the hash, a new security stamp (other sessions end) and the fields above.
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            var errors = new FormErrors();
            foreach (var error in result.Errors)
            {
                errors.Add(error.Description);
            }

            return PasswordIssued.Failed(Outcome.Invalid, errors);
        }

        return new PasswordIssued(Outcome.Ok, new FormErrors(), user.Id, user.UserName, user.FullName, password, user.OneTimePasswordExpiresAt);
    }

    /// <summary>Disables (locked out for good, sessions ended) or re-enables an account. Nobody disables themselves.</summary>
    public async Task<SaveResult> SetDisabledAsync(string id, bool disabled, CancellationToken ct = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return SaveResult.NotFound();
        }

        if (disabled && user.Id == scope.UserId)
        {
            return SaveResult.Invalid(OrganisationText.CannotDisableSelf);
        }

        if (!disabled && user.IsDisabled && user.Role == UserRole.Principal && user.SchoolId is { } schoolId
            && await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Id == schoolId, ct) is { } school)
        {
            var errors = new FormErrors();
            await CheckOnePrincipalAsync(school, user.Id, errors, ct);
            if (errors.Any)
            {
                return SaveResult.Invalid(errors);
            }
        }

        user.IsDisabled = disabled;
        if (disabled)
        {
            user.LockoutEnabled = true;
            user.LockoutEnd = DateTimeOffset.MaxValue;
        }
        else
        {
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
        }

        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            return SaveResult.Invalid(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        return SaveResult.Ok(Guid.Parse(user.Id));
    }

    /// <summary>
    /// Changes an account's display name, user name, role and unit (school or bureau). The administrator's subtree
    /// must hold both the account's place now (otherwise it is not found) and the new one. A change of user name,
    /// role or unit renews the security stamp, so the account's open sessions end at their next stamp check (at most
    /// <see cref="SecurityStampValidatorOptions.ValidationInterval"/>, 5 minutes) and the next sign-in carries the new
    /// role and scope in its cookie. One save; the audit trail records the old and new values and who changed them.
    /// </summary>
    public async Task<SaveResult> ChangeAsync(string id, UserInput input, CancellationToken ct = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return SaveResult.NotFound();
        }

        var errors = new FormErrors();
        var fullName = errors.Text(nameof(input.FullName), OrganisationText.FullName, input.FullName, 50);
        var userName = errors.Text(nameof(input.UserName), OrganisationText.UserName, input.UserName, 64);
        var (role, bureau, school) = await RoleAndUnitAsync(input, errors, ct);
        if (errors.Any || role is not { } newRole)
        {
            return SaveResult.Invalid(errors);
        }

        var newBureauId = bureau?.Id ?? school!.BureauId;
        var newSchoolId = school?.Id;
        var placeChanged = newRole != user.Role || newBureauId != user.BureauId || newSchoolId != user.SchoolId;
        if (placeChanged && user.Id == scope.UserId)
        {
            errors.Add(nameof(input.Role), OrganisationText.CannotChangeOwnPlace);
            return SaveResult.Invalid(errors);
        }

        if (newRole == UserRole.Principal && school is not null && (user.Role != UserRole.Principal || user.SchoolId != school.Id) && !user.IsDisabled)
        {
            await CheckOnePrincipalAsync(school, user.Id, errors, ct);
        }

        if (placeChanged)
        {
            // A liaison officer (包保责任人) must stay bureau staff of the district's county or a bureau above it.
            var newPath = bureau?.Path;
            var districts = await db.SafetyDistricts.AsNoTracking().Where(d => d.LiaisonUserId == user.Id)
                .Select(d => new { d.Name, d.BureauId, d.ScopePath }).ToListAsync(ct);
            var broken = districts.FirstOrDefault(d => newPath is null
                || (d.BureauId != newBureauId && !d.ScopePath.StartsWith(newPath, StringComparison.Ordinal)));
            if (broken is not null)
            {
                errors.Add(nameof(input.OrgId), string.Format(CultureInfo.CurrentCulture, OrganisationText.LiaisonMustStay, broken.Name));
            }
        }

        if (errors.Any)
        {
            return SaveResult.Invalid(errors);
        }

        var renew = placeChanged || !string.Equals(userName, user.UserName, StringComparison.Ordinal);
        user.FullName = fullName!;
        user.UserName = userName!;
        user.Role = newRole;
        user.BureauId = newBureauId;
        user.SchoolId = newSchoolId;
        user.ScopePath = bureau?.Path ?? school!.ScopePath;

        user.NormalizedUserName = users.NormalizeName(user.UserName);
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        if (renew)
        {
            user.SecurityStamp = Guid.NewGuid().ToString("N");
        }

        IdentityResult result = IdentityResult.Success;
        try
        {
            // Identity's validators (user name characters, uniqueness), then one save of the changed columns only, so
            // the audit entry holds just what changed (UserManager.UpdateAsync would mark every column as modified).
            // As in CreateAsync the duplicate-name check must see every tenant's users; both places were checked above.
            using (scope.EnterSystem("user-admin"))
            {
                foreach (var validator in users.UserValidators)
                {
                    var valid = await validator.ValidateAsync(users, user);
                    if (!valid.Succeeded)
                    {
                        result = valid;
                        break;
                    }
                }

                if (result.Succeeded)
                {
                    await db.SaveChangesAsync(ct);
                }
            }
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            result = IdentityResult.Failed(new ChineseIdentityErrorDescriber().DuplicateUserName(userName!));
        }
        catch (DbUpdateConcurrencyException)
        {
            result = IdentityResult.Failed(new IdentityError { Code = "Concurrency", Description = OrganisationText.ChangedByOthers });
        }

        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            foreach (var error in result.Errors)
            {
                if (FieldOf(error.Code) is { } field)
                {
                    errors.Add(field, error.Description);
                }
                else
                {
                    errors.Add(error.Description);
                }
            }

            return SaveResult.Invalid(errors);
        }

        return SaveResult.Ok(Guid.Parse(user.Id));
    }

    /// <summary>Reads the role and the unit it needs (a bureau for bureau roles, a school otherwise) inside the scope.</summary>
    private async Task<(UserRole? Role, Bureau? Bureau, School? School)> RoleAndUnitAsync(UserInput input, FormErrors errors, CancellationToken ct)
    {
        UserRole? role = Enum.TryParse<UserRole>(input.Role, out var r) && Enum.IsDefined(r) ? r : null;
        if (role is null)
        {
            errors.Add(nameof(input.Role), string.Format(CultureInfo.CurrentCulture, OrganisationText.FieldChoose, OrganisationText.Role));
        }

        var orgId = Paging.ParseGuid(input.OrgId);
        Bureau? bureau = null;
        School? school = null;
        if (role is { } chosen)
        {
            if (chosen.IsBureauRole())
            {
                bureau = orgId is null ? null : await db.Bureaus.AsNoTracking().FirstOrDefaultAsync(b => b.Id == orgId, ct);
            }
            else
            {
                school = orgId is null ? null : await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Id == orgId, ct);
            }

            if (bureau is null && school is null)
            {
                errors.Add(nameof(input.OrgId), chosen.IsBureauRole() ? OrganisationText.ChooseBureauForRole : OrganisationText.ChooseSchoolForRole);
            }
        }

        // The tenant filter already hides units outside the scope; say so explicitly before leaving the filter.
        var targetPath = bureau?.Path ?? school?.ScopePath;
        if (targetPath is not null && !scope.Covers(targetPath))
        {
            errors.Add(nameof(input.OrgId), OrganisationText.ChooseUnit);
            return (role, null, null);
        }

        return (role, bureau, school);
    }

    /// <summary>A school has one principal (校长, the first responsible person) among its active accounts.</summary>
    private async Task CheckOnePrincipalAsync(School school, string? exceptUserId, FormErrors errors, CancellationToken ct)
    {
        var other = await db.Users.AsNoTracking()
            .Where(u => u.SchoolId == school.Id && u.Role == UserRole.Principal && !u.IsDisabled && u.Id != exceptUserId)
            .Select(u => new { u.FullName, u.UserName }).FirstOrDefaultAsync(ct);
        if (other is not null)
        {
            errors.Add(nameof(UserInput.Role), string.Format(CultureInfo.CurrentCulture, OrganisationText.SchoolHasPrincipal, school.Name, other.FullName, other.UserName));
        }
    }

    private async Task<string?> OrgPathAsync(Guid id, CancellationToken ct) =>
        await db.Bureaus.Where(b => b.Id == id).Select(b => b.Path).FirstOrDefaultAsync(ct)
        ?? await db.Schools.Where(s => s.Id == id).Select(s => s.ScopePath).FirstOrDefaultAsync(ct);

    private static string? FieldOf(string code) => code switch
    {
        nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.InvalidUserName) => nameof(UserInput.UserName),
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.InvalidEmail) => nameof(UserInput.Email),
        _ => null,
    };
}
