using System.Globalization;
using System.Text.Json;
using SafeCampus.Web.Features.Account;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Infrastructure.Excel;
using SafeCampus.Web.Infrastructure.Scheduling;

namespace SafeCampus.Web.Features.Audit;

/// <summary>The audit trail as an Excel sheet, and the one-line summary of a change both the page and the sheet show.</summary>
public static class AuditExport
{
    public static readonly IReadOnlyList<(string Value, string Label)> Actions =
    [
        ("insert", AuditText.ActionInsert), ("update", AuditText.ActionUpdate), ("delete", AuditText.ActionDelete),
        (SignInAudit.Succeeded, AuditText.ActionSignedIn), (SignInAudit.Failed, AuditText.ActionSignInFailed),
        (SignInAudit.Refused, AuditText.ActionSignInRefused), (SignInAudit.LockedOut, AuditText.ActionLockedOut),
        ("cross-school-write", AuditText.ActionCrossSchool),
    ];

    public static string ActionLabel(string action) =>
        Actions.FirstOrDefault(a => a.Value == action) is { Label: { } label } ? label : action;

    /// <summary>"Field: before → after" for each changed field (at most <paramref name="max"/> characters).</summary>
    public static string Summary(AuditRow row, int max = 300)
    {
        var before = Fields(row.Before);
        var after = Fields(row.After);
        var parts = after.Keys.Union(before.Keys).Select(k =>
            before.TryGetValue(k, out var b) && after.TryGetValue(k, out var a) ? $"{k}: {b} → {a}"
            : after.TryGetValue(k, out var only) ? $"{k}: {only}" : $"{k}: {before[k]} →");
        var text = string.Join("；", parts);
        return text.Length > max ? text[..max] + "…" : text;
    }

    public static XlsxSheet Sheet(IReadOnlyList<AuditRow> rows, IReadOnlyDictionary<string, string> units) =>
        new(AuditText.SheetTitle,
            [AuditText.ColNo, AuditText.At, AuditText.User, AuditText.Unit, AuditText.Entity, AuditText.Key, AuditText.Action, AuditText.Changes, AuditText.Sealed],
            rows.Select((r, i) => (IReadOnlyList<object?>)
            [
                i + 1, China.Format(r.At), r.UserName ?? "", r.ScopePath is { } p && units.TryGetValue(p, out var n) ? n : r.ScopePath ?? "",
                r.Entity, r.EntityKey, ActionLabel(r.Action), Summary(r), r.Seq,
            ]),
            [6, 17, 16, 24, 22, 38, 12, 80, 10]);

    private static Dictionary<string, string> Fields(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.ValueKind == JsonValueKind.Object
            ? doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString() ?? "",
                JsonValueKind.Null => "—",
                _ => p.Value.GetRawText(),
            }, StringComparer.Ordinal)
            : [];
    }
}

public static class AuditSetup
{
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditQueries>();
        builder.Services.AddScoped<AuditChain>();
        builder.AddJob<AuditSealJob>("audit-seal", "* * * * *");
        builder.AddJob<AuditVerifyJob>("audit-verify", "20 3 * * *");
        return builder;
    }

    /// <summary>GET /audit.xlsx: the audit page's filters, at most <see cref="AuditQueries.ExportLimit"/> rows, newest first.</summary>
    public static WebApplication MapAudit(this WebApplication app)
    {
        app.MapGet("/audit.xlsx", async (string? user, string? entity, string? action, string? from, string? to, string? unit,
                AuditQueries queries, TimeProvider clock, HttpContext http) =>
            {
                var rows = await queries.AllAsync(AuditFilter.Parse(user, entity, action, from, to, unit, null), http.RequestAborted);
                var units = await queries.UnitNamesAsync(rows, http.RequestAborted);
                var name = string.Format(CultureInfo.CurrentCulture, AuditText.ExportFileName, clock.Today().ToString("yyyyMMdd", CultureInfo.InvariantCulture));
                return Results.File(XlsxWriter.Write(AuditExport.Sheet(rows, units)), XlsxWriter.ContentType, name);
            })
            .RequireAuthorization(policy => policy.RequireRole(Domain.Roles.BureauAdmin));
        return app;
    }
}
