using System.Net;
using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
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
}

public interface IEmailSender
{
    Task SendAsync(string to, string subject, string body, CancellationToken ct);
}

public sealed class SmtpEmailSender(Microsoft.Extensions.Options.IOptions<EmailOptions> options, IHostEnvironment env) : IEmailSender
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        var o = options.Value;
        using var message = new MailMessage(o.From, to, subject, body) { BodyEncoding = System.Text.Encoding.UTF8, SubjectEncoding = System.Text.Encoding.UTF8 };
        using var client = new SmtpClient();
        if (string.IsNullOrWhiteSpace(o.Host))
        {
            var dir = Path.IsPathRooted(o.PickupDirectory) ? o.PickupDirectory : Path.Combine(env.ContentRootPath, o.PickupDirectory);
            Directory.CreateDirectory(dir);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = dir;
        }
        else
        {
            client.Host = o.Host;
            client.Port = o.Port;
            client.EnableSsl = o.EnableSsl;
            if (!string.IsNullOrEmpty(o.UserName))
            {
                client.Credentials = new NetworkCredential(o.UserName, o.Password);
            }
        }

        await client.SendMailAsync(message, ct);
    }
}

/// <summary>
/// Sends queued notification e-mails. Rows are claimed with FOR UPDATE SKIP LOCKED inside a transaction, so two
/// instances never send the same row; a row is marked sent in the transaction that claimed it.
/// </summary>
public sealed class EmailDispatchJob(AppDbContext db, TenantScope scope, IEmailSender sender, TimeProvider clock, ILogger<EmailDispatchJob> log) : IScheduledJob
{
    public const int MaxAttempts = 5;

    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        using var _ = scope.EnterSystem("email");
        await DispatchAsync(cancellationToken);
    }

    public async Task<int> DispatchAsync(CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var batch = await db.Notifications
            .FromSql($"""SELECT * FROM "Notifications" WHERE "EmailState" = 1 ORDER BY "CreatedAt" LIMIT 50 FOR UPDATE SKIP LOCKED""")
            .ToListAsync(ct);
        foreach (var n in batch)
        {
            try
            {
                await sender.SendAsync(n.EmailTo!, n.Title, n.Body + (n.Link is null ? "" : $"\n\n{n.Link}"), ct);
                n.EmailState = EmailState.Sent;
                n.EmailSentAt = clock.GetUtcNow();
            }
            catch (SmtpException ex)
            {
                n.EmailAttempts++;
                n.EmailState = n.EmailAttempts >= MaxAttempts ? EmailState.Failed : EmailState.Pending;
                log.LogWarning(ex, "E-mail for notification {Id} failed (attempt {Attempt})", n.Id, n.EmailAttempts);
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return batch.Count(n => n.EmailState == EmailState.Sent);
    }
}
