using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure.Scheduling;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Emergency;

/// <summary>
/// SMS settings (section "Sms"). With an <see cref="Endpoint"/>, messages go to that HTTP provider; without one, in
/// Development and Testing they are written to <see cref="SinkDirectory"/> (counted as "written", never as sent),
/// and elsewhere SMS is unavailable and the warning form says so.
/// </summary>
public sealed class SmsOptions
{
    public string? Endpoint { get; set; }
    public string? ApiKey { get; set; }

    /// <summary>The signature the provider puts before the text (短信签名), e.g. 【临江市教育局】.</summary>
    public string Signature { get; set; } = "平安校园";
    public string SinkDirectory { get; set; } = "sms";
}

public enum SmsOutcome
{
    Accepted,
    Sunk,
    Rejected,
}

public sealed record SmsResult(SmsOutcome Outcome, string? MessageId = null, string? Error = null);

/// <summary>Sends one text message. Implementations never report a message as accepted that no provider accepted.</summary>
public interface ISmsSender
{
    bool IsAvailable { get; }

    Task<SmsResult> SendAsync(string phone, string text, CancellationToken ct);
}

/// <summary>
/// A provider behind an HTTP API: POST {Endpoint} with a bearer key and <c>{"to","text","signature"}</c>; a 2xx answer
/// with <c>{"id"}</c> is accepted, anything else rejected with the provider's answer as the error. Adapters for a given
/// provider (Aliyun, Tencent Cloud) map their API onto this one.
/// </summary>
public sealed class HttpSmsSender(HttpClient http, IOptions<SmsOptions> options) : ISmsSender
{
    public bool IsAvailable => true;

    public async Task<SmsResult> SendAsync(string phone, string text, CancellationToken ct)
    {
        var o = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, o.Endpoint)
        {
            Content = JsonContent.Create(new SmsRequest(phone, text, o.Signature)),
        };
        if (!string.IsNullOrEmpty(o.ApiKey))
        {
            request.Headers.Authorization = new("Bearer", o.ApiKey);
        }

        try
        {
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                return new SmsResult(SmsOutcome.Rejected, null, $"{(int)response.StatusCode} {body}"[..Math.Min(200, 4 + body.Length)]);
            }

            var answer = await response.Content.ReadFromJsonAsync<SmsAnswer>(ct);
            return answer?.Id is { Length: > 0 } id ? new SmsResult(SmsOutcome.Accepted, id) : new SmsResult(SmsOutcome.Rejected, null, "no message id");
        }
        catch (HttpRequestException ex)
        {
            return new SmsResult(SmsOutcome.Rejected, null, ex.Message);
        }
    }

    private sealed record SmsRequest([property: JsonPropertyName("to")] string To, [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("signature")] string Signature);

    private sealed record SmsAnswer([property: JsonPropertyName("id")] string? Id);
}

/// <summary>Development and tests: each message is appended as one line to sms/YYYYMMDD.txt. Reported as sunk, never as sent.</summary>
public sealed class DevelopmentSmsSink(IOptions<SmsOptions> options, IHostEnvironment env, TimeProvider clock) : ISmsSender
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public bool IsAvailable => true;

    public async Task<SmsResult> SendAsync(string phone, string text, CancellationToken ct)
    {
        var dir = Path.IsPathRooted(options.Value.SinkDirectory) ? options.Value.SinkDirectory : Path.Combine(env.ContentRootPath, options.Value.SinkDirectory);
        Directory.CreateDirectory(dir);
        var id = Guid.NewGuid().ToString("N");
        await Gate.WaitAsync(ct);
        try
        {
            await File.AppendAllTextAsync(Path.Combine(dir, $"{clock.GetUtcNow():yyyyMMdd}.txt"),
                $"{clock.GetUtcNow():O}\t{id}\t{phone}\t{options.Value.Signature}{text.ReplaceLineEndings(" ")}\n", ct);
        }
        finally
        {
            Gate.Release();
        }

        return new SmsResult(SmsOutcome.Sunk, id);
    }
}

/// <summary>No provider configured outside Development: SMS cannot be chosen.</summary>
public sealed class UnavailableSmsSender : ISmsSender
{
    public bool IsAvailable => false;

    public Task<SmsResult> SendAsync(string phone, string text, CancellationToken ct) => Task.FromResult(new SmsResult(SmsOutcome.Rejected, null, "SMS is not configured"));
}

/// <summary>
/// Every minute: sends the queued warning messages. Each row is claimed with a conditional update (pending, or a claim
/// that expired with a dead run), sent, and marked with the provider's answer on its own, so a run killed midway
/// resends only the message in flight, and two runs never send the same row. A rejected message is tried again on
/// the next runs, up to <see cref="WarningSms.MaxAttempts"/> times.
/// </summary>
public sealed class WarningSmsJob(AppDbContext db, TenantScope scope, ISmsSender sender, TimeProvider clock) : IScheduledJob
{
    public static readonly TimeSpan Claim = TimeSpan.FromMinutes(2);

    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        using var _ = scope.EnterSystem("warning-sms");
        await RunAsync(cancellationToken);
    }

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        if (!sender.IsAvailable)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var due = await db.Set<WarningSms>().AsNoTracking()
            .Where(s => s.State == SmsState.Pending || (s.State == SmsState.Sending && s.ClaimedUntil < now))
            .OrderBy(s => s.CreatedAt).Take(200).Select(s => new { s.Id, s.Phone, s.Text }).ToListAsync(ct);
        var sent = 0;
        foreach (var sms in due)
        {
            var until = clock.GetUtcNow() + Claim;
            var claimed = await db.Set<WarningSms>()
                .Where(s => s.Id == sms.Id && (s.State == SmsState.Pending || (s.State == SmsState.Sending && s.ClaimedUntil < now)))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.State, SmsState.Sending).SetProperty(s => s.ClaimedUntil, until).SetProperty(s => s.Attempts, s => s.Attempts + 1), ct);
            if (claimed == 0)
            {
                continue;
            }

            var result = await sender.SendAsync(sms.Phone, sms.Text, ct);
            var at = clock.GetUtcNow();
            var state = result.Outcome switch { SmsOutcome.Accepted => SmsState.Sent, SmsOutcome.Sunk => SmsState.Sunk, _ => SmsState.Pending };
            await db.Set<WarningSms>().Where(s => s.Id == sms.Id).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.State, s => state == SmsState.Pending && s.Attempts >= WarningSms.MaxAttempts ? SmsState.Failed : state)
                .SetProperty(s => s.ClaimedUntil, (DateTimeOffset?)null)
                .SetProperty(s => s.SentAt, s => state == SmsState.Pending ? s.SentAt : at)
                .SetProperty(s => s.ProviderMessageId, result.MessageId)
                .SetProperty(s => s.Error, result.Error), ct);
            sent += state is SmsState.Sent or SmsState.Sunk ? 1 : 0;
        }

        return sent;
    }
}

public static class SmsSetup
{
    public static IHostApplicationBuilder AddSms(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<SmsOptions>(builder.Configuration.GetSection("Sms"));
        var endpoint = builder.Configuration["Sms:Endpoint"];
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            builder.Services.AddHttpClient<ISmsSender, HttpSmsSender>(c => c.Timeout = TimeSpan.FromSeconds(15));
        }
        else if (builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing"))
        {
            builder.Services.AddSingleton<ISmsSender, DevelopmentSmsSink>();
        }
        else
        {
            builder.Services.AddSingleton<ISmsSender, UnavailableSmsSender>();
        }

        builder.AddJob<WarningSmsJob>("warning-sms", "* * * * *");
        return builder;
    }
}
