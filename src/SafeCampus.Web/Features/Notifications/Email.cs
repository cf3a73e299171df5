using System.Net;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure.Scheduling;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Notifications;

/// <summary>SMTP settings (section "Email"). With no host, mail is written as .eml files to <see cref="PickupDirectory"/>.</summary>
public sealed class EmailOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "safecampus@localhost";
    public string PickupDirectory { get; set; } = "mail";

    /// <summary>Mails one dispatch run sends at once (each over its own SMTP connection).</summary>
    public int Parallelism { get; set; } = 8;

    /// <summary>Mails claimed per round trip.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How long a claim lasts: a mail whose run died is sent again by another run after this.</summary>
    public int ClaimSeconds { get; set; } = 300;
}

/// <summary>One mail. <see cref="MessageId"/> comes from the notification's idempotency key: a resend has the same one.</summary>
public sealed record OutgoingMail(string To, string Subject, string Body, string MessageId)
{
    /// <summary><c>&lt;{32 hex of SHA-256(key)}@{domain of From}&gt;</c>.</summary>
    public static string MessageIdFor(string idempotencyKey, string from)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];
        var at = from.LastIndexOf('@');
        var domain = at >= 0 && at < from.Length - 1 ? from[(at + 1)..].Trim('>', ' ') : "safecampus.local";
        return $"<{hash}@{domain}>";
    }

    /// <summary>The pickup file's name: the Message-ID's local part, so a resend replaces the same file.</summary>
    public string FileName => MessageId.Trim('<', '>').Split('@')[0] + ".eml";
}

public interface IEmailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken ct);
}

public sealed class SmtpEmailSender(Microsoft.Extensions.Options.IOptions<EmailOptions> options, IHostEnvironment env) : IEmailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var o = options.Value;
        using var message = new MailMessage(o.From, mail.To, mail.Subject, mail.Body) { BodyEncoding = Encoding.UTF8, SubjectEncoding = Encoding.UTF8 };
        message.Headers.Add("Message-ID", mail.MessageId);
        using var client = new SmtpClient();
        if (string.IsNullOrWhiteSpace(o.Host))
        {
            await WritePickupFileAsync(client, message, mail, o, ct);
            return;
        }

        client.Host = o.Host;
        client.Port = o.Port;
        client.EnableSsl = o.EnableSsl;
        if (!string.IsNullOrEmpty(o.UserName))
        {
            client.Credentials = new NetworkCredential(o.UserName, o.Password);
        }

        await client.SendMailAsync(message, ct);
    }

    /// <summary>
    /// Written in a private folder first, then renamed into the pickup folder (atomic on one file system): a reader of
    /// the pickup folder never sees a partial or empty file, and a resend of the same mail replaces its file.
    /// </summary>
    private async Task WritePickupFileAsync(SmtpClient client, MailMessage message, OutgoingMail mail, EmailOptions o, CancellationToken ct)
    {
        var dir = Path.IsPathRooted(o.PickupDirectory) ? o.PickupDirectory : Path.Combine(env.ContentRootPath, o.PickupDirectory);
        var staging = Path.Combine(dir, ".partial", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = staging;
            await client.SendMailAsync(message, ct);
            var written = Directory.GetFiles(staging).Single();
            await using (var file = new FileStream(written, FileMode.Open, FileAccess.ReadWrite))
            {
                file.Flush(flushToDisk: true);
            }

            File.Move(written, Path.Combine(dir, mail.FileName), overwrite: true);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }
}

/// <summary>
/// Sends queued notification e-mails, each at most once more than needed: a run claims a batch (state Sending, a
/// claim that expires; FOR UPDATE SKIP LOCKED, committed at once), then sends each mail and marks it sent on its own.
/// A run killed mid-batch leaves at most the mail in flight sent-but-not-marked; that one is sent again when its claim
/// expires, with the same Message-ID (from the idempotency key), so the receiving side can recognise it. Mails of a
/// batch go out in parallel, and a run drains the queue. SMTP failures are retried with growing pauses, then Failed.
/// </summary>
public sealed class EmailDispatchJob(NpgsqlDataSource source, TenantScope scope, IEmailSender sender, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<EmailOptions> options, ILogger<EmailDispatchJob> log) : IScheduledJob
{
    public const int MaxAttempts = 5;

    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        using var _ = scope.EnterSystem("email");
        await DispatchAsync(cancellationToken);
    }

    /// <returns>How many mails this run sent.</returns>
    public async Task<int> DispatchAsync(CancellationToken ct)
    {
        var o = options.Value;
        var sent = 0;
        while (true)
        {
            var batch = await ClaimAsync(o, ct);
            if (batch.Count == 0)
            {
                return sent;
            }

            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.Parallelism), CancellationToken = ct },
                async (mail, token) =>
                {
                    if (await SendOneAsync(mail, o, token))
                    {
                        Interlocked.Increment(ref sent);
                    }
                });
        }
    }

    private sealed record Claimed(Guid Id, string Key, string To, string Title, string Body, string? Link, int Attempts);

    private async Task<List<Claimed>> ClaimAsync(EmailOptions o, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // The whole tree's row-level security settings in the same round trip (SessionSettings.Batch).
        await using var cmd = SessionSettings.SystemWide.Batch(source, """
            UPDATE "Notifications" n SET "EmailState" = 4, "EmailClaimedUntil" = $1, "EmailAttempts" = n."EmailAttempts" + 1
            WHERE n."Id" IN (
                SELECT "Id" FROM "Notifications"
                WHERE ("EmailState" = 1 AND ("EmailClaimedUntil" IS NULL OR "EmailClaimedUntil" <= $2))
                   OR ("EmailState" = 4 AND "EmailClaimedUntil" <= $2)
                ORDER BY "CreatedAt", "Id" LIMIT $3 FOR UPDATE SKIP LOCKED)
            RETURNING n."Id", n."IdempotencyKey", n."EmailTo", n."Title", n."Body", n."Link", n."EmailAttempts"
            """, out var parameters);
        parameters.Add(new NpgsqlParameter { Value = now.AddSeconds(o.ClaimSeconds) });
        parameters.Add(new NpgsqlParameter { Value = now });
        parameters.Add(new NpgsqlParameter { Value = Math.Max(1, o.BatchSize) });
        var claimed = new List<Claimed>();
        await using var reader = await cmd.ReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(new Claimed(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt32(6)));
        }

        return claimed;
    }

    private async Task<bool> SendOneAsync(Claimed n, EmailOptions o, CancellationToken ct)
    {
        var mail = new OutgoingMail(n.To, n.Title, n.Body + (n.Link is null ? "" : $"\n\n{n.Link}"), OutgoingMail.MessageIdFor(n.Key, o.From));
        try
        {
            await sender.SendAsync(mail, ct);
        }
        catch (SmtpException ex)
        {
            var failed = n.Attempts >= MaxAttempts;
            log.LogWarning(ex, "E-mail for notification {Id} failed (attempt {Attempt}{Final})", n.Id, n.Attempts, failed ? ", giving up" : "");
            await using var retry = SessionSettings.SystemWide.Batch(source, """
                UPDATE "Notifications" SET "EmailState" = $1, "EmailClaimedUntil" = $2 WHERE "Id" = $3 AND "EmailState" = 4
                """, out var retryParameters);
            retryParameters.Add(new NpgsqlParameter { Value = (int)(failed ? EmailState.Failed : EmailState.Pending) });
            retryParameters.Add(new NpgsqlParameter
            {
                Value = failed ? DBNull.Value : clock.GetUtcNow().AddMinutes(n.Attempts * n.Attempts), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz,
            });
            retryParameters.Add(new NpgsqlParameter { Value = n.Id });
            await retry.ExecuteNonQueryAsync(CancellationToken.None);
            return false;
        }

        // Marked even when the run is being cancelled: the mail has gone out.
        await using var mark = SessionSettings.SystemWide.Batch(source, """
            UPDATE "Notifications" SET "EmailState" = 2, "EmailSentAt" = $1, "EmailClaimedUntil" = NULL WHERE "Id" = $2 AND "EmailState" = 4
            """, out var markParameters);
        markParameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        markParameters.Add(new NpgsqlParameter { Value = n.Id });
        await mark.ExecuteNonQueryAsync(CancellationToken.None);
        return true;
    }
}
