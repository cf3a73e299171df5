using System.Globalization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Notifications;
using SafeCampus.Web.Infrastructure.Files;
using SafeCampus.Web.Infrastructure.Pdf;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Defences;

public sealed record DefenceReportItem(Guid Id, DateOnly Month, DefenceReportState State, int Progress, bool Automatic,
    DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt, Guid? FileId, string? Error);

/// <summary>Wakes the report worker when a PDF is queued (it also looks for queued rows every half minute).</summary>
public sealed class DefenceReportSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Poke() => _channel.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await _channel.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
    }
}

/// <summary>
/// Statistics PDFs of a bureau: queued by an officer or automatically after each deadline, generated in the background
/// (<see cref="DefenceReportWorker"/>) with progress stored in the row the page polls, kept in the file store.
/// </summary>
public sealed class DefenceReports(AppDbContext db, TenantScope scope, TimeProvider clock, DefenceReportSignal signal)
{
    public async Task<DefenceReport> QueueAsync(Guid bureauId, DateOnly month, bool automatic = false, CancellationToken ct = default)
    {
        var bureau = await db.Bureaus.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bureauId, ct) ?? throw new DefenceReturnNotFoundException();
        var report = DefenceReport.Queue(bureau, month, automatic, scope.UserId, clock.GetUtcNow());
        db.DefenceReports.Add(report);
        await db.SaveChangesAsync(ct);
        signal.Poke();
        return report;
    }

    public async Task<IReadOnlyList<DefenceReportItem>> ListAsync(Guid bureauId, CancellationToken ct = default) =>
        await db.DefenceReports.Where(r => r.BureauId == bureauId)
            .OrderByDescending(r => r.Month).ThenByDescending(r => r.RequestedAt)
            .Take(36)
            .Select(r => new DefenceReportItem(r.Id, r.Month, r.State, r.Progress, r.Automatic, r.RequestedAt, r.CompletedAt, r.FileId, r.Error))
            .ToListAsync(ct);
}

/// <summary>Generates one queued report: claims it, builds the table and trends, prints, stores, notifies.</summary>
public sealed class DefenceReportGenerator(
    AppDbContext db, TenantScope scope, DefenceStatistics statistics, PdfReports pdf, FileStore files, Notifier notifier, TimeProvider clock,
    ILogger<DefenceReportGenerator> logger)
{
    /// <summary>Claims the oldest queued report (one instance wins the UPDATE) and generates it; false when none was queued.</summary>
    public async Task<bool> RunNextAsync(CancellationToken ct = default)
    {
        using var _ = scope.EnterSystem("defence-reports");
        var id = await db.DefenceReports.Where(r => r.State == DefenceReportState.Queued).OrderBy(r => r.RequestedAt)
            .Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        if (id is null)
        {
            return false;
        }

        var claimed = await db.DefenceReports.Where(r => r.Id == id && r.State == DefenceReportState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, DefenceReportState.Running).SetProperty(r => r.Progress, 5), ct);
        if (claimed == 1)
        {
            await GenerateAsync(id.Value, ct);
        }

        return true;
    }

    public async Task GenerateAsync(Guid id, CancellationToken ct)
    {
        var report = await db.DefenceReports.SingleAsync(r => r.Id == id, ct);
        report.Start();
        await db.SaveChangesAsync(ct);
        try
        {
            var table = await statistics.BuildAsync(report.BureauId, report.Month, ct) ?? throw new InvalidOperationException("bureau not found");
            report.Advance(40);
            await db.SaveChangesAsync(ct);
            var trends = await statistics.TrendsAsync(report.ScopePath, report.Month, ct);
            report.Advance(60);
            await db.SaveChangesAsync(ct);
            var title = string.Format(CultureInfo.CurrentCulture, DefencesText.TableTitle, table.BureauName, DefenceMonths.Label(table.Month));
            var bytes = await pdf.RenderAsync<DefenceStatisticsPdf>(
                new Dictionary<string, object?> { [nameof(DefenceStatisticsPdf.Table)] = table, [nameof(DefenceStatisticsPdf.Trends)] = trends },
                new PdfOptions(title, Landscape: true), ct);
            report.Advance(90);
            using var content = new MemoryStream(bytes);
            var file = await files.SaveAsync(content, $"{title}.pdf", FileCategory.Document, report.ScopePath, ct);
            report.Complete(file.Id, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            if (report.Automatic)
            {
                await NotifyOfficersAsync(report, title, ct);
            }
        }
        catch (Exception ex) when (ex is PdfUnavailableException or InvalidOperationException or FileRejectedException)
        {
            logger.LogWarning(ex, "Statistics PDF {ReportId} failed", id);
            db.ChangeTracker.Clear();
            var failed = await db.DefenceReports.SingleAsync(r => r.Id == id, ct);
            failed.Fail(ex is PdfUnavailableException ? ex.Message : DefencesText.ReportFailed, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task NotifyOfficersAsync(DefenceReport report, string title, CancellationToken ct)
    {
        var officers = await db.Users.Where(u => u.BureauId == report.BureauId && u.SchoolId == null && !u.IsDisabled
                                                 && (u.Role == UserRole.BureauSafetyOfficer || u.Role == UserRole.BureauAdmin))
            .Select(u => u.Id).ToListAsync(ct);
        foreach (var officer in officers)
        {
            var key = $"defences-report:{report.BureauId}:{DefenceMonths.Key(report.Month)}:{officer}";
            await notifier.NotifyAsync(new NotificationMessage(officer, key, string.Format(CultureInfo.CurrentCulture, DefencesText.ReportReadyTitle, DefenceMonths.Label(report.Month)),
                string.Format(CultureInfo.CurrentCulture, DefencesText.ReportReadyBody, title), $"/files/{report.FileId}"), ct);
        }
    }
}

/// <summary>Runs queued statistics PDFs one at a time, woken by <see cref="DefenceReportSignal"/> or every 30 s.</summary>
public sealed class DefenceReportWorker(IServiceScopeFactory scopes, DefenceReportSignal signal, ILogger<DefenceReportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                bool more;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    more = await scope.ServiceProvider.GetRequiredService<DefenceReportGenerator>().RunNextAsync(stoppingToken);
                }
                while (more && !stoppingToken.IsCancellationRequested);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Statistics PDF worker failed; retrying");
            }

            await signal.WaitAsync(TimeSpan.FromSeconds(30), stoppingToken);
        }
    }
}
