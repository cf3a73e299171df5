using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Organisation;
using SafeCampus.Web.Features.Organisation.Changes;

namespace SafeCampus.Tests.Organisation;

/// <summary>A school moves to another county, a county dissolves a district. Own database: these change the demo city.</summary>
public sealed class OrganisationChangesShould(OrganisationChangesShould.Fixture app) : IClassFixture<OrganisationChangesShould.Fixture>
{
    public sealed class Fixture : DemoAppFactory;

    /// <summary>
    /// Rows per table whose scope column starts with the prefix, over every column of the database named ScopePath or
    /// Path — read from the catalogue, not from the EF model, so a table the model misses would show up here.
    /// </summary>
    private async Task<Dictionary<string, long>> RowsUnderAsync(string prefix)
    {
        await using var conn = new NpgsqlConnection(app.OwnerConnectionString);
        await conn.OpenAsync();
        var columns = new List<(string Schema, string Table, string Column)>();
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT c.table_schema, c.table_name, c.column_name FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.column_name IN ('ScopePath', 'Path') AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
              -- A partitioned table (the audit trail) is counted as a whole, not per month.
              AND NOT EXISTS (SELECT 1 FROM pg_class k WHERE k.relname = c.table_name AND k.relispartition)
            """, conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (schema, table, column) in columns)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{schema}\".\"{table}\" WHERE \"{column}\" LIKE @p", conn);
            count.Parameters.AddWithValue("p", prefix + "%");
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }

    private Task<School> SchoolAsync(Guid id) => app.QueryAsync(db => db.Schools.AsNoTracking().SingleAsync(s => s.Id == id));

    [Fact]
    public async Task MoveASchoolWithItsWholeHistoryToAnotherCounty()
    {
        var school = app.Org.QingshanFirstMiddle;
        var oldPath = school.ScopePath;
        var before = await RowsUnderAsync(oldPath);
        var qingshanOwn = await RowsUnderAsync(app.Org.Qingshan.Path);

        // The demo school has a history in many tables, so the test can see a table being left behind.
        Assert.True(before.Count(t => t.Key != "AuditEntries" && t.Value > 0) >= 8, string.Join(", ", before.Where(t => t.Value > 0)));
        var hazard = await app.QueryAsync(db => db.Hazards.Where(h => h.SchoolId == school.Id).Select(h => h.Id).FirstAsync());
        var userStamps = await app.QueryAsync(db => db.Users.Where(u => u.SchoolId == school.Id).ToDictionaryAsync(u => u.Id, u => u.SecurityStamp));
        var qsSafety = await app.LoginAsync("qs.safety");
        var yxSafety = await app.LoginAsync("yx.safety");
        Assert.Equal(HttpStatusCode.OK, (await qsSafety.GetAsync($"/hazards/{hazard}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await yxSafety.GetAsync($"/hazards/{hazard}")).StatusCode);

        var city = await app.LoginAsync("city.admin");
        var page = await city.GetStringAsync($"/org/schools/{school.Id}");
        Assert.Contains("data-testid=\"move\"", page, StringComparison.Ordinal);
        var yxDistrict = await app.QueryAsync(db => db.SafetyDistricts.Where(d => d.BureauId == app.Org.Yunxi.Id).Select(d => d.Id).FirstAsync());
        var response = await city.PostFormAsync($"/org/schools/{school.Id}", "move", new()
        {
            ["Move.BureauId"] = app.Org.Yunxi.Id.ToString(), ["Move.DistrictId"] = yxDistrict.ToString(), ["Move.Confirm"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/org/schools/{school.Id}?moved=1", Html.RedirectPath(response));
        Assert.Contains("学校已划入云溪区教育局。", await city.GetStringAsync(Html.RedirectPath(response)), StringComparison.Ordinal);

        var moved = await SchoolAsync(school.Id);
        var newPath = $"{app.Org.Yunxi.Path}{school.Id:N}/";
        Assert.Equal((app.Org.Yunxi.Id, (Guid?)yxDistrict, newPath), (moved.BureauId, moved.DistrictId, moved.ScopePath));

        // No row of the school keeps the old path (the audit trail keeps what was written, as it was written) ...
        var left = await RowsUnderAsync(oldPath);
        Assert.All(left.Where(t => t.Key != "AuditEntries"), t => Assert.True(t.Value == 0, $"{t.Key} keeps {t.Value} rows at the old path"));
        Assert.Equal(before["AuditEntries"], left["AuditEntries"]);

        // ... every one of them is under the new path ...
        var after = await RowsUnderAsync(newPath);
        foreach (var (table, count) in before.Where(t => t.Key != "AuditEntries"))
        {
            Assert.True(count == after[table], $"{table}: {count} rows before, {after[table]} after");
        }

        // ... and what Qingshan owns itself (its campaigns, closed months, statistics PDFs) stays with Qingshan.
        var qingshanAfter = await RowsUnderAsync(app.Org.Qingshan.Path);
        foreach (var (table, count) in qingshanOwn.Where(t => t.Key != "AuditEntries"))
        {
            Assert.Equal(count - before[table], qingshanAfter[table]);
        }

        // The school's users belong to the new county and must sign in again.
        var users = await app.QueryAsync(db => db.Users.AsNoTracking().Where(u => u.SchoolId == school.Id).ToListAsync());
        Assert.All(users, u => Assert.Equal((app.Org.Yunxi.Id, newPath), (u.BureauId!.Value, u.ScopePath)));
        Assert.All(users, u => Assert.NotEqual(userStamps[u.Id], u.SecurityStamp));

        // The new county sees the school's history, the old one no longer does.
        Assert.Equal(HttpStatusCode.NotFound, (await qsSafety.GetAsync($"/hazards/{hazard}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await yxSafety.GetAsync($"/hazards/{hazard}")).StatusCode);
        var principal = await app.LoginAsync("qs1z.principal");
        Assert.Equal(HttpStatusCode.OK, (await principal.GetAsync($"/hazards/{hazard}")).StatusCode);

        // Audited: who moved it, from where to where, how many rows; the old county's trail shows it left.
        var audit = await app.QueryAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(School) && a.EntityKey == school.Id.ToString()).OrderBy(a => a.Id).ToListAsync());
        var move = Assert.Single(audit, a => a.Action == "move");
        Assert.Equal(("city.admin", app.Org.Qingshan.Path), (move.UserName, move.ScopePath));
        Assert.Contains(oldPath, move.Before, StringComparison.Ordinal);
        Assert.Contains(newPath, move.After, StringComparison.Ordinal);
        Assert.Contains("\"Hazards\"", move.After, StringComparison.Ordinal);
        var update = audit.Last(a => a.Action == "update");
        Assert.Equal(("city.admin", newPath), (update.UserName, update.ScopePath));
        Assert.Contains(app.Org.Qingshan.Id.ToString(), update.Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoveASchoolWithSignedPledgesWhichStayImmutable()
    {
        // A school of 云溪 whose principal signed this year's pledge (the demo signs about two in three).
        var signed = await app.QueryAsync(db => db.PledgeSignatures.AsNoTracking()
            .Where(p => p.SignedAt != null && db.Schools.Any(s => s.Id == p.SchoolId && s.BureauId == app.Org.Yunxi.Id))
            .Select(p => new { p.Id, p.SchoolId }).FirstAsync());
        await using (var scope = await app.ScopeAsAsync("city.admin"))
        {
            var result = await scope.ServiceProvider.GetRequiredService<OrganisationChanges>()
                .MoveSchoolAsync(signed.SchoolId, new SchoolMoveInput { BureauId = app.Org.Qingshan.Id.ToString(), Confirm = true });
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.All));
        }

        var moved = await app.QueryAsync(db => db.PledgeSignatures.AsNoTracking().SingleAsync(p => p.Id == signed.Id));
        Assert.StartsWith(app.Org.Qingshan.Path, moved.ScopePath, StringComparison.Ordinal);
        Assert.NotNull(moved.SignedAt);

        // Anything else about a signed pledge is still refused by the database.
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.OwnerConnectionString) { Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await using var edit = new NpgsqlCommand("""UPDATE "PledgeSignatures" SET "SignerName" = '别人' WHERE "Id" = $1""", conn);
        edit.Parameters.AddWithValue(signed.Id);
        Assert.Equal(PostgresErrorCodes.CheckViolation, (await Assert.ThrowsAsync<PostgresException>(() => edit.ExecuteNonQueryAsync())).SqlState);
    }

    [Fact]
    public async Task RefuseAMoveByACountyOrOfAnotherCountysSchoolAndBadInput()
    {
        var school = app.Org.QingshanPrimary;
        var before = await SchoolAsync(school.Id);

        // A county holds only itself: it cannot move its own school away, and the form is not offered.
        var qs = await app.LoginAsync("qs.admin");
        Assert.DoesNotContain("data-testid=\"move\"", await qs.GetStringAsync($"/org/schools/{school.Id}"), StringComparison.Ordinal);
        await qs.PostFormAsync($"/org/schools/{school.Id}", "move", new() { ["Move.BureauId"] = app.Org.Yunxi.Id.ToString(), ["Move.Confirm"] = "true" });
        await using (var scope = await app.ScopeAsAsync("qs.admin"))
        {
            var result = await scope.ServiceProvider.GetRequiredService<OrganisationChanges>()
                .MoveSchoolAsync(school.Id, new SchoolMoveInput { BureauId = app.Org.Yunxi.Id.ToString(), Confirm = true });
            Assert.Contains("请选择要划入的县（区）教育局。只有同时管辖原县（区）和新县（区）的教育局（如市教育局）可以调整学校的隶属关系。", result.Errors.All);
        }

        // Another county does not see the school at all.
        var yx = await app.LoginAsync("yx.admin");
        var foreign = await yx.PostFormAsync($"/org/schools/{school.Id}", "move",
            new() { ["Move.BureauId"] = app.Org.Yunxi.Id.ToString(), ["Move.Confirm"] = "true" }, getUrl: "/org/schools");
        await yx.AssertSentBackAsync(foreign, $"/org/schools/{school.Id}", HttpStatusCode.NotFound, "页面不存在");

        // The city: confirmation, a district of the chosen county, a different county.
        var city = await app.LoginAsync("city.admin");
        var unconfirmed = await city.PostFormAsync($"/org/schools/{school.Id}", "move", new() { ["Move.BureauId"] = app.Org.Yunxi.Id.ToString() });
        Assert.Contains("请勾选确认后再提交。", Forms.ErrorText(await unconfirmed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var qsDistrict = await app.QueryAsync(db => db.SafetyDistricts.Where(d => d.BureauId == app.Org.Qingshan.Id).Select(d => d.Id).FirstAsync());
        var wrongDistrict = await city.PostFormAsync($"/org/schools/{school.Id}", "move", new()
        {
            ["Move.BureauId"] = app.Org.Yunxi.Id.ToString(), ["Move.DistrictId"] = qsDistrict.ToString(), ["Move.Confirm"] = "true",
        });
        Assert.Contains("安全小区", Forms.ErrorText(await wrongDistrict.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using (var scope = await app.ScopeAsAsync("city.admin"))
        {
            var same = await scope.ServiceProvider.GetRequiredService<OrganisationChanges>()
                .MoveSchoolAsync(school.Id, new SchoolMoveInput { BureauId = app.Org.Qingshan.Id.ToString(), Confirm = true });
            Assert.Contains("青山县实验小学已隶属于青山县教育局。", same.Errors.All);
            var city2 = await scope.ServiceProvider.GetRequiredService<OrganisationChanges>()
                .MoveSchoolAsync(school.Id, new SchoolMoveInput { BureauId = app.Org.City.Id.ToString(), Confirm = true });
            Assert.Equal(Outcome.Invalid, city2.Outcome);
        }

        var after = await SchoolAsync(school.Id);
        Assert.Equal((before.BureauId, before.ScopePath, before.DistrictId), (after.BureauId, after.ScopePath, after.DistrictId));
        Assert.All((await RowsUnderAsync(before.ScopePath)).Where(t => t.Key == "Drills" || t.Key == "AspNetUsers"), t => Assert.True(t.Value > 0));
    }

    [Fact]
    public async Task DissolveADistrictMovingItsSchoolsToAnother()
    {
        var districts = await app.QueryAsync(db => db.SafetyDistricts.AsNoTracking().Where(d => d.BureauId == app.Org.Qingshan.Id)
            .Select(d => new { d.Id, d.Name, Schools = db.Schools.Count(s => s.DistrictId == d.Id) }).OrderByDescending(d => d.Schools).ToListAsync());
        var (gone, target) = (districts[0], districts[1]);
        Assert.True(gone.Schools > 0);
        var schools = await app.QueryAsync(db => db.Schools.Where(s => s.DistrictId == gone.Id).Select(s => s.Id).ToListAsync());
        var admin = await app.LoginAsync("qs.admin");
        var page = await admin.GetStringAsync($"/org/districts/{gone.Id}");
        Assert.Contains($"我已确认撤销“{gone.Name}”（{gone.Schools} 所学校）", page, StringComparison.Ordinal);

        var unconfirmed = await admin.PostFormAsync($"/org/districts/{gone.Id}", "dissolve", new() { ["Dissolve.TargetDistrictId"] = target.Id.ToString() });
        Assert.Contains("请勾选确认后再提交。", Forms.ErrorText(await unconfirmed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var yxDistrict = await app.QueryAsync(db => db.SafetyDistricts.Where(d => d.BureauId == app.Org.Yunxi.Id).Select(d => d.Id).FirstAsync());
        var foreignTarget = await admin.PostFormAsync($"/org/districts/{gone.Id}", "dissolve",
            new() { ["Dissolve.TargetDistrictId"] = yxDistrict.ToString(), ["Dissolve.Confirm"] = "true" });
        Assert.Contains("请选择本县（区）的另一个安全小区，或选择不划入安全小区。", Forms.ErrorText(await foreignTarget.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.SafetyDistricts.AnyAsync(d => d.Id == gone.Id)));

        var response = await admin.PostFormAsync($"/org/districts/{gone.Id}", "dissolve",
            new() { ["Dissolve.TargetDistrictId"] = target.Id.ToString(), ["Dissolve.Confirm"] = "true" });
        Assert.Equal("/org/districts?dissolved=1", Html.RedirectPath(response));
        Assert.Contains("安全小区已撤销", await admin.GetStringAsync("/org/districts?dissolved=1"), StringComparison.Ordinal);

        Assert.False(await app.QueryAsync(db => db.SafetyDistricts.AnyAsync(d => d.Id == gone.Id)));
        Assert.All(await app.QueryAsync(db => db.Schools.Where(s => schools.Contains(s.Id)).Select(s => s.DistrictId).ToListAsync()),
            d => Assert.Equal(target.Id, d));
        var audit = (await app.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.UserName == "qs.admin"
            && ((a.Entity == nameof(SafetyDistrict) && a.EntityKey == gone.Id.ToString() && a.Action == "delete")
                || (a.Entity == nameof(School) && a.Action == "update"))).ToListAsync()))
            .Where(a => a.Entity == nameof(SafetyDistrict) || (a.After!.Contains(target.Id.ToString(), StringComparison.Ordinal)
                && a.Before!.Contains(gone.Id.ToString(), StringComparison.Ordinal))).ToList();
        Assert.Single(audit, a => a.Entity == nameof(SafetyDistrict));
        Assert.Equal(schools.Count, audit.Count(a => a.Entity == nameof(School)));
    }

    [Fact]
    public async Task DissolveOnlyOwnDistricts()
    {
        var district = await app.QueryAsync(db => db.SafetyDistricts.Where(d => d.BureauId == app.Org.Yunxi.Id).OrderBy(d => d.Name).Select(d => d.Id).LastAsync());
        var input = new DistrictDissolveInput { Confirm = true };
        await using (var scope = await app.ScopeAsAsync("qs.admin"))
        {
            Assert.Equal(Outcome.NotFound, (await scope.ServiceProvider.GetRequiredService<OrganisationChanges>().DissolveDistrictAsync(district, input)).Outcome);
        }

        // The city holds the county's districts but they are the county's own arrangement.
        await using (var scope = await app.ScopeAsAsync("city.admin"))
        {
            Assert.Equal(Outcome.Forbidden, (await scope.ServiceProvider.GetRequiredService<OrganisationChanges>().DissolveDistrictAsync(district, input)).Outcome);
        }

        var qs = await app.LoginAsync("qs.admin");
        var post = await qs.PostFormAsync($"/org/districts/{district}", "dissolve", new() { ["Dissolve.Confirm"] = "true" }, getUrl: "/org/districts");
        await qs.AssertSentBackAsync(post, $"/org/districts/{district}", HttpStatusCode.NotFound, "页面不存在");
        Assert.True(await app.QueryAsync(db => db.SafetyDistricts.AnyAsync(d => d.Id == district)));
    }

    [Fact]
    public void CoverEveryTableWithAScopePath()
    {
        using var db = app.Db();
        var tables = OrganisationChanges.TenantTables(db.Model).Select(t => t.Table).ToHashSet();
        var expected = db.Model.GetEntityTypes().Where(t => t.FindProperty("ScopePath") is not null || t.FindProperty("Path") is not null)
            .Select(t => t.GetTableName()!).Where(t => t != "AuditEntries").ToHashSet();
        Assert.Equal(expected.Order(), tables.Order());
        Assert.Contains("Hazards", tables);
        Assert.Contains("AspNetUsers", tables);
        Assert.Contains("Bureaus", tables);
    }
}
