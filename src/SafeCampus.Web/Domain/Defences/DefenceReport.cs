namespace SafeCampus.Web.Domain;

public enum DefenceReportState
{
    Queued = 1,
    Running = 2,
    Done = 3,
    Failed = 4,
}

/// <summary>A generated statistics PDF (统计表) of a bureau for a month, made in the background; earlier ones stay.</summary>
public sealed class DefenceReport : ITenantOwned, IAuditable
{
    private DefenceReport() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public DateOnly Month { get; private set; }
    public DefenceReportState State { get; private set; }
    public int Progress { get; private set; }
    public bool Automatic { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public string? RequestedBy { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public Guid? FileId { get; private set; }
    public string? Error { get; private set; }

    public static DefenceReport Queue(Bureau bureau, DateOnly month, bool automatic, string? by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path, Month = DefenceReturn.FirstOfMonth(month),
        State = DefenceReportState.Queued, Automatic = automatic, RequestedAt = now, RequestedBy = by,
    };

    public void Start()
    {
        State = DefenceReportState.Running;
        Progress = 10;
    }

    public void Advance(int progress) => Progress = Math.Clamp(progress, Progress, 99);

    public void Complete(Guid fileId, DateTimeOffset now)
    {
        State = DefenceReportState.Done;
        Progress = 100;
        FileId = fileId;
        CompletedAt = now;
    }

    public void Fail(string error, DateTimeOffset now)
    {
        State = DefenceReportState.Failed;
        Error = error.Length > 1000 ? error[..1000] : error;
        CompletedAt = now;
    }
}
