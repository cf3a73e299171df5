using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Defences;
using SafeCampus.Web.Tenancy;
using static SafeCampus.Tests.Defences.DefenceTestCity;

namespace SafeCampus.Tests.Defences;

/// <summary>
/// The deadline-day path (<see cref="DefenceReturnFastPath"/>): the first save or submission of a month is written
/// without rendering the page, exactly as the page's own path would write it; everything else is left to the page.
/// </summary>
public sealed class DefenceFastPathShould(DefenceFastPathShould.Fixture app) : IClassFixture<DefenceFastPathShould.Fixture>
{
    public sealed class Fixture : DefenceCityFixture;

    private long Handled => app.Services.GetRequiredService<DefenceReturnStore>().Handled;

    [Fact]
    public async Task WriteTheFirstSubmissionOfAMonthExactlyAsThePageWould()
    {
        var c = app.City;
        // County A's own standards: due on the 20th, video kept 60 days. Read by the fast path's own SQL.
        await using (var db = app.Db())
        {
            var county = await db.Bureaus.SingleAsync(b => b.Id == c.CountyA.Id);
            var standard = DefenceStandard.Create(county);
            standard.Update(20, 2, 1500, 2, 3, 2.0m, 60, (DefenceCheck)63);
            db.DefenceStandards.Add(standard);
            await db.SaveChangesAsync();
        }

        var director = await TestUsers.CreateAsync(app, c.Primary2, "p2.fast", role: UserRole.SafetyDirector);
        var client = await app.LoginAsync("p2.fast", TestUsers.Password);
        app.Clock.Set(China(11, 3));
        var values = Compliant((DefenceFields.OneKeyAlarm, 0), (DefenceFields.FullTimeGuards, 6), (DefenceFields.Guards, 6), (DefenceFields.TrainedGuards, 6));
        var fields = Form(values, "submit");
        fields["SchoolId"] = c.Primary1.Id.ToString(); // ignored: the school is the user's own
        var before = Handled;
        var response = await client.PostFormAsync("/defences/2026-10", DefenceInput.FormName, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/defences/2026-10?done=submitted", response.Headers.Location!.OriginalString);
        Assert.Equal(before + 1, Handled);

        var written = await LoadAsync(c.Primary2.Id, October);
        Assert.Null(await LoadAsync(c.Primary1.Id, October));
        Assert.NotNull(written);

        // What the domain builds for the same input, as DefenceReturnService.SaveAsync would save it.
        var now = China(11, 3);
        var standards = await app.QueryAsync(db => db.DefenceStandards.SingleAsync(s => s.BureauId == c.CountyA.Id));
        var expected = DefenceReturn.Start(c.Primary2, October, standards, null, director.Id, now);
        expected.Save(values, c.Primary2, standards, director.Id, now);
        expected.Submit(director.Id, now);
        foreach (var p in typeof(DefenceReturn).GetProperties().Where(p => p.Name is not (nameof(DefenceReturn.Id) or nameof(DefenceReturn.Version) or nameof(DefenceReturn.Values))))
        {
            Assert.True(Equals(p.GetValue(expected), p.GetValue(written)), $"{p.Name}: expected {p.GetValue(expected)}, written {p.GetValue(written)}");
        }

        Assert.Equal(expected.ValueMap(), written!.ValueMap());
        Assert.Equal(DefenceReturnState.Submitted, written.State);
        Assert.True(written.IsLate);
        Assert.Equal(new DateOnly(2026, 10, 20), written.DueDate);
        Assert.Equal(DefenceCheck.Alarm | DefenceCheck.Video, written.FailedChecks);
        Assert.Equal(c.Primary2.ScopePath, written.ScopePath);

        // The audit row carries what the interceptor writes for an insert: compare with one written through EF Core.
        await AsAsync("p1.director", s => s.SaveAsync(October, Compliant(), submit: false));
        var efWritten = (await LoadAsync(c.Primary1.Id, October))!;
        var fast = await app.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Entity == nameof(DefenceReturn) && a.EntityKey == written.Id.ToString()));
        var ef = await app.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Entity == nameof(DefenceReturn) && a.EntityKey == efWritten.Id.ToString()));
        Assert.Equal(("insert", director.Id, "p2.fast", c.Primary2.ScopePath, now), (fast.Action, fast.UserId, fast.UserName, fast.ScopePath, fast.At));
        Assert.Null(fast.Before);
        Assert.Equal(Keys(ef.After!), Keys(fast.After!));
        using var after = JsonDocument.Parse(fast.After!);
        Assert.Equal((int)DefenceReturnState.Submitted, after.RootElement.GetProperty(nameof(DefenceReturn.State)).GetInt32());
        Assert.True(after.RootElement.GetProperty(nameof(DefenceReturn.IsLate)).GetBoolean());

        // Submitting again (a form left open in a second tab) goes to the page, which no longer has the form: nothing
        // changes, and the user is sent to the return as it is now, with the reason in Chinese.
        var stale = await client.PostFormAsync("/defences/2026-10", DefenceInput.FormName, Form(Compliant(), "submit"));
        Assert.Equal(HttpStatusCode.SeeOther, stale.StatusCode);
        Assert.Equal("/defences/2026-10?stale=1", stale.Headers.Location!.OriginalString);
        var now2 = await client.GetStringAsync(stale.Headers.Location!.OriginalString);
        Assert.Contains("您提交的表单已不是最新的", now2, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"values\"", now2, StringComparison.Ordinal);
        Assert.Equal(before + 1, Handled);
        Assert.Equal(expected.ValueMap(), (await LoadAsync(c.Primary2.Id, October))!.ValueMap());
    }

    [Fact]
    public async Task LeaveEveryOtherCaseToThePage()
    {
        var c = app.City;
        app.Clock.Set(China(11, 10));
        await TestUsers.CreateAsync(app, c.Junior1, "j1.fast", role: UserRole.SafetyDirector);
        await TestUsers.CreateAsync(app, c.Junior1, "j1.boss", role: UserRole.Principal);
        var director = await app.LoginAsync("j1.fast", TestUsers.Password);
        var principal = await app.LoginAsync("j1.boss", TestUsers.Password);
        var before = Handled;

        // A principal may save a draft but not submit: the page says so.
        var response = await principal.PostFormAsync("/defences/2026-11", DefenceInput.FormName, Form(Compliant(), "submit"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(Forms.ErrorText(await response.Content.ReadAsStringAsync()));
        Assert.Null(await LoadAsync(c.Junior1.Id, November));

        // A fractional count: the page's message, nothing saved.
        var bad = Form(Compliant(), "submit");
        bad[DefenceInput.FieldName(DefenceFields.Cameras)] = "12.5";
        response = await director.PostFormAsync("/defences/2026-11", DefenceInput.FormName, bad);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请填写整数，不能有小数。", Forms.ErrorText(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null(await LoadAsync(c.Junior1.Id, November));

        // No antiforgery token: refused before anything runs.
        var forged = new Dictionary<string, string>(Form(Compliant(), "submit")) { ["_handler"] = DefenceInput.FormName };
        response = await director.PostAsync("/defences/2026-11", new FormUrlEncodedContent(forged));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await LoadAsync(c.Junior1.Id, November));
        Assert.Equal(before, Handled);

        // A draft saved first (the fast path writes it), then submitted: the existing return is the page's.
        response = await director.PostFormAsync("/defences/2026-11", DefenceInput.FormName, Form(Compliant(), "save"));
        Assert.Equal("/defences/2026-11?done=saved", response.Headers.Location!.OriginalString);
        Assert.Equal(before + 1, Handled);
        Assert.Equal(DefenceReturnState.Draft, (await LoadAsync(c.Junior1.Id, November))!.State);
        response = await director.PostFormAsync("/defences/2026-11", DefenceInput.FormName, Form(Compliant((DefenceFields.Cameras, 40)), "submit"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before + 1, Handled);
        var submitted = (await LoadAsync(c.Junior1.Id, November))!;
        Assert.Equal((DefenceReturnState.Submitted, 40m), (submitted.State, submitted.ValueMap()[DefenceFields.Cameras]));

        // A month the county has closed: the page shows no form; a post is sent back to it, nothing is written.
        var august = new DateOnly(2026, 8, 1);
        await AsAsync("a.safety", s => s.CloseMonthAsync(august));
        Assert.Contains("data-testid=\"values\"", await director.GetStringAsync("/defences/2026-08"), StringComparison.Ordinal);
        response = await director.PostFormAsync("/defences/2026-08", DefenceInput.FormName, Form(Compliant(), "submit"));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/defences/2026-08?stale=1", response.Headers.Location!.OriginalString);
        Assert.Null(await LoadAsync(c.Junior1.Id, august));
        Assert.Equal(before + 1, Handled);
    }

    /// <summary>The settings the fast path runs its insert with for the kindergarten's director.</summary>
    private static SessionSettings Director(DefenceTestCity c)
    {
        var scope = new TenantScope();
        scope.Set(c.Kindergarten.ScopePath, null, "k1.director");
        return SessionSettings.For(scope, across: false, null);
    }

    [Fact]
    public async Task WriteAMonthOnceWhenTwoFirstPostsRace()
    {
        var c = app.City;
        var store = app.Services.GetRequiredService<DefenceReturnStore>();
        var school = DefenceSchool.Of(c.Kindergarten);
        var now = China(11, 20);
        DefenceReturn Build()
        {
            var r = DefenceReturn.Start(school, new DateOnly(2026, 9, 1), DefenceStandard.Defaults(), null, "someone", now);
            r.Save(Compliant(), school, DefenceStandard.Defaults(), "someone", now);
            return r;
        }

        var results = await Task.WhenAll(store.InsertAsync(Build(), "k1.director", now, Director(c), default), store.InsertAsync(Build(), "k1.director", now, Director(c), default));
        Assert.Single(results, true);
        var rows = await app.QueryAsync(db => db.DefenceReturns.Include(r => r.Values).Where(r => r.SchoolId == c.Kindergarten.Id && r.Month == new DateOnly(2026, 9, 1)).ToListAsync());
        Assert.Single(rows);
        Assert.Equal(DefenceFields.All.Count, rows[0].Values.Count);
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Entity == nameof(DefenceReturn) && a.EntityKey == rows[0].Id.ToString())));
    }

    private static Dictionary<string, string> Form(Dictionary<string, decimal> values, string action)
    {
        var fields = values.ToDictionary(kv => DefenceInput.FieldName(kv.Key), kv => kv.Value.ToString(CultureInfo.InvariantCulture));
        fields["Input.Action"] = action;
        return fields;
    }

    private static List<string> Keys(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateObject().Select(p => p.Name).ToList();
    }

    private async Task AsAsync<T>(string user, Func<DefenceReturnService, Task<T>> action)
    {
        await using var scope = await app.ScopeAsAsync(user);
        await action(scope.ServiceProvider.GetRequiredService<DefenceReturnService>());
    }

    private Task<DefenceReturn?> LoadAsync(Guid schoolId, DateOnly month) => app.LoadReturnAsync(schoolId, month);
}
