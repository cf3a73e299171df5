using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Organisation.Schools;

public enum SchoolSort
{
    Name,
    Students,
    Staff,
}

/// <summary>The school list's filter, read from the query string (unknown values are ignored, never an error).</summary>
public sealed record SchoolFilter(
    string? Search, Guid? BureauId, Guid? DistrictId, bool NoDistrict, SchoolKind? Kind, bool BoardingOnly, bool PrivateOnly,
    SchoolSort Sort, int Page)
{
    public const string NoDistrictValue = "none";

    public static SchoolFilter Parse(string? q, string? bureau, string? district, string? kind, string? boarding,
        string? isPrivate, string? sort, string? page) => new(
        string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
        Paging.ParseGuid(bureau),
        Paging.ParseGuid(district),
        string.Equals(district, NoDistrictValue, StringComparison.OrdinalIgnoreCase),
        Enum.TryParse<SchoolKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : null,
        IsTrue(boarding),
        IsTrue(isPrivate),
        Enum.TryParse<SchoolSort>(sort, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : SchoolSort.Name,
        Paging.ParsePage(page));

    /// <summary>The query string of this filter on another page (defaults left out).</summary>
    public Dictionary<string, string?> ToQuery(int page) => new()
    {
        ["q"] = Search,
        ["bureau"] = BureauId?.ToString(),
        ["district"] = NoDistrict ? NoDistrictValue : DistrictId?.ToString(),
        ["kind"] = Kind?.ToString(),
        ["boarding"] = BoardingOnly ? "true" : null,
        ["private"] = PrivateOnly ? "true" : null,
        ["sort"] = Sort == SchoolSort.Name ? null : Sort.ToString().ToLowerInvariant(),
        ["page"] = page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
    };

    private static bool IsTrue(string? value) => value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");
}

public sealed record SchoolRow(
    Guid Id, string Name, SchoolKind Kind, string BureauName, string? DistrictName, bool IsBoarding, bool IsPrivate,
    int Students, int Staff, int Classes);

public sealed record BureauOption(Guid Id, string Name);

public sealed record DistrictOption(Guid Id, string Name, Guid BureauId, string BureauName);

/// <summary>The schools in scope, filtered, sorted and paged in SQL.</summary>
public sealed class SchoolDirectory(AppDbContext db)
{
    public const int PageSize = 50;

    public async Task<PageOf<SchoolRow>> ListAsync(SchoolFilter f, CancellationToken ct = default)
    {
        var query = db.Schools.AsNoTracking();
        if (f.Search is { } search)
        {
            query = query.Where(s => s.Name.Contains(search));
        }

        if (f.BureauId is { } bureau)
        {
            query = query.Where(s => s.BureauId == bureau);
        }

        if (f.NoDistrict)
        {
            query = query.Where(s => s.DistrictId == null);
        }
        else if (f.DistrictId is { } district)
        {
            query = query.Where(s => s.DistrictId == district);
        }

        if (f.Kind is { } kind)
        {
            query = query.Where(s => s.Kind == kind);
        }

        if (f.BoardingOnly)
        {
            query = query.Where(s => s.IsBoarding);
        }

        if (f.PrivateOnly)
        {
            query = query.Where(s => s.IsPrivate);
        }

        var total = await query.CountAsync(ct);
        var page = Paging.Clamp(f.Page, total, PageSize);
        var ordered = f.Sort switch
        {
            SchoolSort.Students => query.OrderByDescending(s => s.Students).ThenBy(s => s.Name),
            SchoolSort.Staff => query.OrderByDescending(s => s.Staff).ThenBy(s => s.Name),
            _ => query.OrderBy(s => s.Name),
        };
        var items = await ordered.ThenBy(s => s.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(s => new SchoolRow(s.Id, s.Name, s.Kind, s.Bureau!.Name, s.District != null ? s.District.Name : null,
                s.IsBoarding, s.IsPrivate, s.Students, s.Staff, s.Classes))
            .ToListAsync(ct);
        return new PageOf<SchoolRow>(items, total, page, PageSize);
    }

    /// <summary>County bureaus in scope (for a city user's filter and for creating a school).</summary>
    public Task<List<BureauOption>> CountiesAsync(CancellationToken ct = default) =>
        db.Bureaus.AsNoTracking().Where(b => b.Level == BureauLevel.County).OrderBy(b => b.Name)
            .Select(b => new BureauOption(b.Id, b.Name)).ToListAsync(ct);

    /// <summary>Safety districts in scope, optionally of one county, ordered by county then name.</summary>
    public Task<List<DistrictOption>> DistrictsAsync(Guid? countyId = null, CancellationToken ct = default) =>
        (from d in db.SafetyDistricts.AsNoTracking()
         join b in db.Bureaus on d.BureauId equals b.Id
         where countyId == null || d.BureauId == countyId
         orderby b.Name, d.Name
         select new DistrictOption(d.Id, d.Name, b.Id, b.Name)).ToListAsync(ct);
}
