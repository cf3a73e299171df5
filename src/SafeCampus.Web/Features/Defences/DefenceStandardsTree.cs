using SafeCampus.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;

namespace SafeCampus.Web.Features.Defences;

/// <summary>
/// The standards that govern a part of the tree, loaded in one query: the bureaus above the scope (read past the
/// tenant filter on purpose: they are what a school is measured against) and the bureaus inside it. A school follows
/// the nearest bureau at or above it that has set standards, else <see cref="DefenceStandard.Defaults"/>.
/// </summary>
public sealed class DefenceStandardsTree
{
    private static readonly DefenceStandard Default = DefenceStandard.Defaults();
    private readonly List<DefenceStandard> _byDepth;

    private DefenceStandardsTree(List<DefenceStandard> standards) =>
        _byDepth = standards.OrderByDescending(s => s.ScopePath.Length).ToList();

    public static async Task<DefenceStandardsTree> LoadAsync(AppDbContext db, string scopePath, CancellationToken ct = default)
    {
        var ancestors = DrillSettings.AncestorPaths(scopePath);
        var rows = await db.DefenceStandards.AcrossTenants().AsNoTracking()
            .Where(s => ancestors.Contains(s.ScopePath) || s.ScopePath.StartsWith(scopePath))
            .ToListAsync(ct);
        return new DefenceStandardsTree(rows);
    }

    public DefenceStandard For(string scopePath) =>
        _byDepth.FirstOrDefault(s => scopePath.StartsWith(s.ScopePath, StringComparison.Ordinal)) ?? Default;

    /// <summary>The bureau's own row, if it has set standards itself.</summary>
    public DefenceStandard? Own(Guid bureauId) => _byDepth.FirstOrDefault(s => s.BureauId == bureauId);
}
