using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using SafeCampus.Web.Features.Notifications;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Bench;

/// <summary>One measured dispatch: mails, parallel senders, wall time, throughput; what the sink received.</summary>
public sealed record EmailRun(int Mails, int Parallelism, TimeSpan Elapsed, int Received, int DistinctMessageIds)
{
    public double PerMinute => Mails / Elapsed.TotalMinutes;
}

public sealed class EmailReport
{
    public List<EmailRun> Runs { get; } = [];

    public void Print(TextWriter o)
    {
        o.WriteLine();
        o.WriteLine("### Notification e-mail (EmailDispatchJob → SMTP sink on 127.0.0.1, one connection per mail)");
        o.WriteLine();
        o.WriteLine("| mails | parallel senders | seconds | mails/min | received by the sink | distinct Message-IDs |");
        o.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var r in Runs)
        {
            o.WriteLine($"| {r.Mails:N0} | {r.Parallelism} | {r.Elapsed.TotalSeconds:0.0} | {r.PerMinute:N0} | {r.Received:N0} | {r.DistinctMessageIds:N0} |");
        }
    }
}

/// <summary>
/// Queues 4,000 notification mails (two reminder stages for 2,000 schools) and lets one dispatch run drain them into a
/// minimal SMTP sink of our own on 127.0.0.1, once per parallelism setting. Each mail is claimed, sent over its own
/// SMTP connection (as SmtpClient does) and marked sent on its own, as in production.
/// </summary>
public static class EmailBench
{
    public const int Mails = 4000;

    public static async Task<EmailReport> RunAsync(BenchApp app, string workDir, BenchOptions options, CancellationToken ct)
    {
        var report = new EmailReport();
        await using var sink = SmtpSink.Start();
        Progress.Say($"e-mail: SMTP sink on 127.0.0.1:{sink.Port}");
        foreach (var parallelism in new[] { 1, 2, 4, 8 })
        {
            await QueueAsync(app.ConnectionString, Mails, ct);
            sink.Reset();
            var emailOptions = Options.Create(new EmailOptions { Host = "127.0.0.1", Port = sink.Port, Parallelism = parallelism, From = "safecampus@bench.local" });
            await using var scope = app.Services.CreateAsyncScope();
            using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("bench");
            var sender = new SmtpEmailSender(emailOptions, scope.ServiceProvider.GetRequiredService<IHostEnvironment>());
            var job = new EmailDispatchJob(scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>(), scope.ServiceProvider.GetRequiredService<TenantScope>(),
                sender, TimeProvider.System, emailOptions, NullLogger<EmailDispatchJob>.Instance);
            var started = Stopwatch.GetTimestamp();
            var sent = await job.DispatchAsync(ct);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var run = new EmailRun(sent, parallelism, elapsed, sink.Received, sink.DistinctMessageIds);
            report.Runs.Add(run);
            Progress.Say($"e-mail: {sent:N0} mails with {parallelism} sender(s) in {elapsed.TotalSeconds:0.0} s = {run.PerMinute:N0}/min");
        }

        return report;
    }

    private static async Task QueueAsync(string connectionString, int count, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO "Notifications" ("Id", "UserId", "ScopePath", "IdempotencyKey", "Title", "Body", "Link", "CreatedAt", "EmailTo", "EmailState", "EmailAttempts")
            SELECT gen_random_uuid(), u."Id", u."ScopePath", 'bench:mail:' || gen_random_uuid() || ':' || g,
                   '2026年11月三防月报提醒（2026-11-25 截止，还剩 5 天）', '青山县第一中学尚未提交2026年11月的三防月报，请在截止日前提交。',
                   '/defences/2026-11', now() + g * interval '1 microsecond', 'director' || g || '@bench.local', 1, 0
            FROM generate_series(1, @count) g, (SELECT "Id", "ScopePath" FROM "AspNetUsers" ORDER BY "UserName" LIMIT 1) u
            """, conn);
        cmd.Parameters.AddWithValue("count", count);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>A minimal SMTP server on 127.0.0.1 that accepts every mail and counts it (and its Message-ID).</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<string> _ids = [];
    private readonly Task _accepting;
    private int _received;

    private SmtpSink(TcpListener listener)
    {
        _listener = listener;
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Received => Volatile.Read(ref _received);

    public int DistinctMessageIds
    {
        get
        {
            lock (_ids)
            {
                return _ids.Count;
            }
        }
    }

    public static SmtpSink Start()
    {
        for (var port = 5600; port < 5700; port++)
        {
            try
            {
                var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start(512);
                return new SmtpSink(listener);
            }
            catch (SocketException)
            {
                // In use.
            }
        }

        throw new InvalidOperationException("No free port in 5600–5699 for the SMTP sink.");
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _received, 0);
        lock (_ids)
        {
            _ids.Clear();
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        try
        {
            await writer.WriteLineAsync("220 sink ESMTP");
            string? line;
            while ((line = await reader.ReadLineAsync()) is not null)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteAsync("250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 go on");
                        string? id = null;
                        while ((line = await reader.ReadLineAsync()) is not null && line != ".")
                        {
                            if (id is null && line.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))
                            {
                                id = line[11..].Trim();
                            }
                        }

                        Interlocked.Increment(ref _received);
                        if (id is not null)
                        {
                            lock (_ids)
                            {
                                _ids.Add(id);
                            }
                        }

                        await writer.WriteLineAsync("250 queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 ok");
                        break;
                }
            }
        }
        catch (IOException)
        {
            // The client went away.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
