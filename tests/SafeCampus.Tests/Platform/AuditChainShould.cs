using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Audit;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Platform;

/// <summary>
/// The audit trail is chained, append-only and partitioned by month (ADR 18). The tampering tests act as the database
/// superuser with triggers switched off (<c>session_replication_role = replica</c>), as someone with full access to the
/// server would, each in a month of its own so that they do not break each other's chains.
/// </summary>
public sealed class AuditChainShould(AuditChainShould.Fixture app) : IClassFixture<AuditChainShould.Fixture>
{
    public sealed class Fixture : DemoAppFactory;

    [Fact]
    public async Task SealEveryEntryIntoItsMonthsChainAndFindItIntact()
    {
        var checks = await RunVerifyJobAsync();
        var month = DateOnly.FromDateTime(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var current = checks.Single(c => c.Month == new DateOnly(month.Year, month.Month, 1));
        Assert.True(current.Intact);
        Assert.True(current.Entries > 100, $"the demo seed writes hundreds of entries, found {current.Entries}");
        Assert.Equal(current.Entries, current.Sealed);
        Assert.Equal(current.Entries, current.LastSeq);

        // Each row links to the one before it.
        var rows = await app.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Seq != null && a.At >= Start(current.Month) && a.At < Start(current.Month.AddMonths(1)))
            .OrderBy(a => a.Seq).Select(a => new { a.Seq, a.PrevHash, a.Hash }).ToListAsync());
        Assert.Null(rows[0].PrevHash);
        for (var i = 1; i < rows.Count; i++)
        {
            Assert.Equal(rows[i - 1].Hash, rows[i].PrevHash);
            Assert.Equal(i + 1, rows[i].Seq);
        }

        // The current month's entries are stored in the month's own partition.
        await using var conn = await AdminAsync();
        await using var cmd = new NpgsqlCommand("""SELECT DISTINCT tableoid::regclass::text FROM "AuditEntries" WHERE "At" >= $1""", conn);
        cmd.Parameters.AddWithValue(Start(current.Month));
        Assert.Equal($"\"AuditEntries_{current.Month:yyyyMM}\"", (string)(await cmd.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task FindAnEditedEntry()
    {
        var month = new DateOnly(2025, 1, 1);
        var ids = await WriteSealedAsync(month, 5);
        await TamperAsync("""UPDATE "AuditEntries" SET "After" = '{"Name":"改过的"}' WHERE "Id" = $1""", ids[2]);

        var check = await VerifyAsync(month);
        Assert.False(check.Intact);
        Assert.Equal((ids[2], "content"), (check.BrokenAt, check.Problem));
    }

    [Fact]
    public async Task FindADeletedEntryInTheMiddleAndAtTheEnd()
    {
        var month = new DateOnly(2025, 2, 1);
        var ids = await WriteSealedAsync(month, 5);
        var intact = await VerifyAsync(month);
        Assert.True(intact.Intact);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuditChain>().RecordHeadAsync(intact, default);
        }

        // The last row removed: the chain alone still links, but the recorded head is gone.
        await TamperAsync("""DELETE FROM "AuditEntries" WHERE "Id" = $1""", ids[4]);
        var tail = await VerifyAsync(month);
        Assert.Equal((null, true), (tail.BrokenAt, tail.HeadMissing));
        Assert.False(tail.Intact);

        // A row in the middle removed: the next one is out of place.
        await TamperAsync("""DELETE FROM "AuditEntries" WHERE "Id" = $1""", ids[1]);
        var middle = await VerifyAsync(month);
        Assert.Equal((ids[2], "gap"), (middle.BrokenAt, middle.Problem));
    }

    [Fact]
    public async Task RefuseToChangeOrDeleteAnEntryEvenForTheDatabaseOwner()
    {
        var ids = await WriteSealedAsync(new DateOnly(2025, 3, 1), 2);
        await using var conn = await AdminAsync();
        foreach (var sql in new[]
                 {
                     """UPDATE "AuditEntries" SET "UserName" = 'someone' WHERE "Id" = $1""",
                     """UPDATE "AuditEntries" SET "Hash" = '\x00' WHERE "Id" = $1""",
                     """DELETE FROM "AuditEntries" WHERE "Id" = $1""",
                 })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            cmd.Parameters.AddWithValue(ids[0]);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }

        // An unsealed row may not be edited either: only its chain columns are ever set, by the sealer.
        var unsealed = await WriteAsync(new DateOnly(2025, 3, 1), 1);
        await using var edit = new NpgsqlCommand("""UPDATE "AuditEntries" SET "Action" = 'delete' WHERE "Id" = $1""", conn);
        edit.Parameters.AddWithValue(unsealed[0]);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => edit.ExecuteNonQueryAsync())).SqlState);
    }

    [Fact]
    public async Task DropOnlyWholeMonthsOlderThanSixMonths()
    {
        await using var conn = await AdminAsync();
        var recent = new NpgsqlCommand("SELECT audit_drop_month($1)", conn);
        recent.Parameters.AddWithValue(new DateOnly(app.Clock.GetUtcNow().Year, app.Clock.GetUtcNow().Month, 1).AddMonths(-2));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => recent.ExecuteScalarAsync())).SqlState);

        var old = new DateOnly(2024, 3, 1);
        await using (var create = new NpgsqlCommand("SELECT audit_ensure_partitions($1, 0)", conn))
        {
            create.Parameters.AddWithValue(old);
            await create.ExecuteScalarAsync();
        }

        await WriteSealedAsync(old, 3);
        Assert.Equal(3, (await VerifyAsync(old)).Entries);
        await using (var drop = new NpgsqlCommand("SELECT audit_drop_month($1)", conn))
        {
            drop.Parameters.AddWithValue(old);
            Assert.True((bool)(await drop.ExecuteScalarAsync())!);
        }

        Assert.Equal(0, (await VerifyAsync(old)).Entries);
    }

    [Fact]
    public async Task ShowACountyAdministratorItsOwnSubtreeOnlyFilteredAndExported()
    {
        await RunVerifyJobAsync();
        var client = await app.LoginAsync("qs.admin");
        var page = await client.GetAsync("/audit?entity=School");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("青山县实验小学", html, StringComparison.Ordinal);
        Assert.DoesNotContain("云溪区第一幼儿园", html, StringComparison.Ordinal);
        Assert.Contains("#", html, StringComparison.Ordinal); // sealed rows show their chain position

        var verify = await (await client.GetAsync($"/audit?month={app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)):yyyy-MM}")).Content.ReadAsStringAsync();
        Assert.Contains("审计链完整", verify, StringComparison.Ordinal);
        Assert.Contains("请按“年-月”填写", await client.GetStringAsync("/audit?month=2026-13"), StringComparison.Ordinal);

        var export = await client.GetAsync("/audit.xlsx?entity=School");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        using var doc = SpreadsheetDocument.Open(stream, false);
        var sheet = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single();
        var rows = ((WorksheetPart)doc.WorkbookPart.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(["序号", "时间", "操作人", "单位", "对象", "记录编号", "操作", "内容", "链序号"], rows[0]);
        var qingshanSchools = await app.QueryAsync(db => db.Schools.CountAsync(s => s.BureauId == app.Org.Qingshan.Id));
        Assert.Equal(qingshanSchools, rows.Skip(1).Count(r => r[4] == "School" && r[6] == "新增"));
        Assert.DoesNotContain(rows, r => r[3].StartsWith("云溪", StringComparison.Ordinal));

        // Safety officers and schools do not see the trail.
        var officer = await app.LoginAsync("qs.safety");
        foreach (var url in new[] { "/audit", "/audit.xlsx" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task RecordAParentsAcknowledgementFromTheHotPath()
    {
        var before = await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Entity == nameof(NoticeReceipt)));
        await using var conn = await AdminAsync();
        // Any open receipt of the demo: acknowledge it through the store as the parent's link would.
        var receipt = await app.QueryAsync(db => db.NoticeReceipts.AsNoTracking().Where(r => r.AcknowledgedAt == null).Select(r => new { r.Id, r.TokenProtected }).FirstAsync());
        await using var scope = app.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<SafeCampus.Web.Features.Pledges.ReceiptTokens>();
        var store = scope.ServiceProvider.GetRequiredService<SafeCampus.Web.Features.Pledges.ReceiptStore>();
        var outcome = await store.AcknowledgeAsync(tokens.Reveal(receipt.TokenProtected),
            new SafeCampus.Web.Features.Pledges.Acknowledgement("王芳", "母亲", "10.0.0.1", null, "test", false), default);
        Assert.Equal(SafeCampus.Web.Features.Pledges.AckOutcome.Acknowledged, outcome);
        var entry = await app.QueryAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Entity == nameof(NoticeReceipt) && a.EntityKey == receipt.Id.ToString() && a.Action == "update"));
        Assert.Equal("王芳", entry.UserName);
        Assert.Contains("\"AckName\": \"王芳\"", entry.After, StringComparison.Ordinal);
        Assert.Equal(before + 1, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Entity == nameof(NoticeReceipt))));
    }

    [Fact]
    public void AuditEveryEntityButTheTrailItselfAndBookkeeping()
    {
        using var db = app.Db();
        string[] exempt = [nameof(AuditEntry), nameof(AuditChainHead), nameof(FormSubmission), nameof(NoticeCounter)];
        var missing = db.Model.GetEntityTypes()
            .Where(t => !t.IsOwned() && t.ClrType.Namespace == typeof(School).Namespace && !typeof(IAuditable).IsAssignableFrom(t.ClrType))
            .Select(t => t.ClrType.Name).Except(exempt).ToList();
        Assert.True(missing.Count == 0, "Not audited: " + string.Join(", ", missing));
    }

    private static DateTimeOffset Start(DateOnly month) => SafeCampus.Web.Infrastructure.China.StartOfDay(month);

    private async Task<IReadOnlyList<AuditMonthCheck>> RunVerifyJobAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test");
        return await ActivatorUtilities.CreateInstance<AuditVerifyJob>(scope.ServiceProvider).RunAsync(default);
    }

    private async Task<AuditMonthCheck> VerifyAsync(DateOnly month)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditChain>().VerifyAsync(month, default);
    }

    /// <summary>Entries written as the app writes them (through its context, in a scope: here the whole tree's), in the given month.</summary>
    private async Task<List<long>> WriteAsync(DateOnly month, int count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        using var system = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var entries = Enumerable.Range(0, count).Select(i => new AuditEntry
        {
            At = Start(month).AddDays(3).AddMinutes(i), UserName = "chain.test", ScopePath = app.Org.Qingshan.Path, Entity = "Test",
            EntityKey = $"{month:yyyyMM}-{i}", Action = "insert", After = $"{{\"N\":{i}}}",
        }).ToList();
        db.AuditEntries.AddRange(entries);
        await db.SaveChangesAsync();
        return [.. entries.Select(e => e.Id)];
    }

    private async Task<List<long>> WriteSealedAsync(DateOnly month, int count)
    {
        var ids = await WriteAsync(month, count);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditChain>().SealAsync(default);
        return ids;
    }

    /// <summary>As the superuser with the table's triggers off: what an intruder with full database access could do.</summary>
    private async Task TamperAsync(string sql, long id)
    {
        await using var conn = await AdminAsync();
        await using (var off = new NpgsqlCommand("SET session_replication_role = replica", conn))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue(id);
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
    }

    private async Task<NpgsqlConnection> AdminAsync()
    {
        var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.OwnerConnectionString) { Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        return conn;
    }
}
