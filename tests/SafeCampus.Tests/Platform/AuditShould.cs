using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Platform;

public sealed class AuditShould(AuditShould.Fixture app) : IClassFixture<AuditShould.Fixture>
{
    public sealed class Fixture : DemoAppFactory;

    [Fact]
    public async Task RecordInsertUpdateAndDeleteOfASchoolWithTheChangedValues()
    {
        await using var scope = await app.ScopeAsAsync("qs.admin");
        var tenant = scope.ServiceProvider.GetRequiredService<TenantScope>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var county = await db.Bureaus.SingleAsync(b => b.Id == app.Org.Qingshan.Id);
        var school = School.Create(county, new SchoolDetails("审计测试小学", SchoolKind.Primary, false, false, 300, 20, 10, "审计路 1 号"), app.Clock.GetUtcNow());
        db.Schools.Add(school);
        await db.SaveChangesAsync();

        school.Update(new SchoolDetails("审计测试第二小学", SchoolKind.Primary, false, false, 320, 20, 10, "审计路 1 号"));
        await db.SaveChangesAsync();

        db.Schools.Remove(school);
        await db.SaveChangesAsync();

        var entries = await AuditOfAsync("School", school.Id.ToString());
        Assert.Equal(["insert", "update", "delete"], entries.Select(e => e.Action));
        Assert.All(entries, e =>
        {
            Assert.Equal(tenant.UserId, e.UserId);
            Assert.Equal("qs.admin", e.UserName);
            Assert.Equal(school.ScopePath, e.ScopePath);
        });

        var (insert, update, delete) = (entries[0], entries[1], entries[2]);
        Assert.Null(insert.Before);
        Assert.Equal("审计测试小学", Json(insert.After).GetProperty("Name").GetString());
        Assert.Equal(300, Json(insert.After).GetProperty("Students").GetInt32());

        var before = Json(update.Before);
        var after = Json(update.After);
        Assert.Equal("审计测试小学", before.GetProperty("Name").GetString());
        Assert.Equal("审计测试第二小学", after.GetProperty("Name").GetString());
        Assert.Equal(300, before.GetProperty("Students").GetInt32());
        Assert.Equal(320, after.GetProperty("Students").GetInt32());
        Assert.Equal(["Name", "Students"], after.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        Assert.Equal("审计测试第二小学", Json(delete.Before).GetProperty("Name").GetString());
        Assert.Null(delete.After);
    }

    [Fact]
    public async Task WriteTheAuditRowInTheSameTransaction()
    {
        await using var scope = await app.ScopeAsAsync("qs.admin");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var county = await db.Bureaus.SingleAsync(b => b.Id == app.Org.Qingshan.Id);
        var school = School.Create(county, new SchoolDetails("回滚测试小学", SchoolKind.Primary, false, false, 100, 10, 5, null), app.Clock.GetUtcNow());

        // As the app runs a transaction: inside its execution strategy.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Schools.Add(school);
            await db.SaveChangesAsync();
            Assert.Empty(await AuditOfAsync("School", school.Id.ToString())); // not visible before commit
            await tx.RollbackAsync();
        });

        await using var check = TestDatabase.CreateSystemContext(app.ConnectionString);
        Assert.False(await check.Schools.AnyAsync(s => s.Id == school.Id));
        Assert.Empty(await AuditOfAsync("School", school.Id.ToString()));
    }

    [Fact]
    public async Task NeverRecordPasswordHashesOrSecurityStamps()
    {
        var user = await TestUsers.CreateAsync(app, app.Org.QingshanFirstMiddle, TestUsers.Unique("audit"));
        await using (var scope = await app.ScopeAsAsync("qs.admin"))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var tracked = (await users.FindByIdAsync(user.Id))!;
            Assert.True((await users.ChangePasswordAsync(tracked, TestUsers.Password, "Another#Pass2026")).Succeeded);
            tracked.FullName = "改名用户";
            Assert.True((await users.UpdateAsync(tracked)).Succeeded);
        }

        var stored = await TestUsers.ReloadAsync(app, user.Id);
        var entries = await AuditOfAsync("AppUser", user.Id);
        Assert.Contains(entries, e => e.Action == "insert");
        Assert.Contains(entries, e => e.Action == "update" && Json(e.After).GetProperty("FullName").GetString() == "改名用户");
        foreach (var json in entries.SelectMany(e => new[] { e.Before, e.After }).OfType<string>())
        {
            Assert.DoesNotContain("PasswordHash", json, StringComparison.Ordinal);
            Assert.DoesNotContain("SecurityStamp", json, StringComparison.Ordinal);
            Assert.DoesNotContain(stored.PasswordHash!, json, StringComparison.Ordinal);
            Assert.DoesNotContain(stored.SecurityStamp!, json, StringComparison.Ordinal);
        }
    }

    private async Task<List<AuditEntry>> AuditOfAsync(string entity, string key)
    {
        await using var db = TestDatabase.CreateSystemContext(app.ConnectionString);
        return await db.AuditEntries.AsNoTracking().Where(a => a.Entity == entity && a.EntityKey == key).OrderBy(a => a.Id).ToListAsync();
    }

    private static JsonElement Json(string? json)
    {
        Assert.NotNull(json);
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}
