using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Emergency;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Emergency;

/// <summary>SMS warnings: queued once per lead with a number, sent by the job once, counted by the provider's answer, never faked.</summary>
public sealed class SmsShould : IClassFixture<EmergencyFixture>
{
    private readonly EmergencyFixture _app;

    public SmsShould(EmergencyFixture app)
    {
        _app = app;
        _app.Clock.Set(EmergencyFixture.Now);
    }

    private async Task<int> RunJobAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test");
        return await scope.ServiceProvider.GetRequiredService<WarningSmsJob>().RunAsync();
    }

    [Fact]
    public async Task QueueOneMessagePerLeadWithANumberAndWriteItToTheSinkOnceCountedAsWrittenNotSent()
    {
        await using (var db = _app.Db())
        {
            await db.Users.Where(u => u.UserName == "qs1z.director" || u.UserName == "qssx.principal")
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.PhoneNumber, "13907360001"));
        }

        var warning = await _app.IssueAsync("qs.safety", EmergencyFixture.Draft("短信预警测试") with { Sms = true });
        await _app.AsAsync<WarningService, int>("qs.safety", s => s.FanOutAsync(warning));
        await using var check = _app.Db();
        Assert.Equal(2, await check.WarningSms.CountAsync(s => s.WarningId == warning.Id));

        Assert.Equal(2, await RunJobAsync());
        Assert.Equal(0, await RunJobAsync());
        Assert.Equal(2, await check.WarningSms.CountAsync(s => s.WarningId == warning.Id && s.State == SmsState.Sunk && s.Attempts == 1));
        var lines = Directory.GetFiles(_app.SmsDirectory).SelectMany(File.ReadAllLines).Where(l => l.Contains("短信预警测试", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);

        var view = await _app.AsAsync<WarningQueries, WarningView?>("qs.safety", q => q.ViewAsync(warning.Id));
        Assert.Equal((0, 2), (view!.Sms.GetValueOrDefault(SmsState.Sent), view.Sms.GetValueOrDefault(SmsState.Sunk)));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "{\"id\":\"m-1\"}", SmsOutcome.Accepted)]
    [InlineData(HttpStatusCode.OK, "{}", SmsOutcome.Rejected)]
    [InlineData(HttpStatusCode.TooManyRequests, "{\"error\":\"quota\"}", SmsOutcome.Rejected)]
    public async Task CountOnlyWhatTheHttpProviderAccepted(HttpStatusCode status, string body, SmsOutcome outcome)
    {
        HttpRequestMessage? seen = null;
        string? sent = null;
        var handler = new Answer(async r =>
        {
            seen = r;
            sent = await r.Content!.ReadAsStringAsync();
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        });
        var sender = new HttpSmsSender(new HttpClient(handler), Options.Create(new SmsOptions { Endpoint = "https://sms.example.test/send", ApiKey = "k", Signature = "临江市教育局" }));

        var result = await sender.SendAsync("13907360001", "请阅读预警", CancellationToken.None);

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(("Bearer", "k"), (seen!.Headers.Authorization!.Scheme, seen.Headers.Authorization.Parameter));
        Assert.Contains("\"to\":\"13907360001\"", sent, StringComparison.Ordinal);
        Assert.Equal(outcome == SmsOutcome.Accepted ? "m-1" : null, result.MessageId);
    }

    private sealed class Answer(Func<HttpRequestMessage, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => answer(request);
    }
}
