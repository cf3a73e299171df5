namespace SafeCampus.Web.Infrastructure;

/// <summary>Dates in SafeCampus are China Standard Time (Asia/Shanghai): deadlines, months, cron triggers.</summary>
public static class China
{
    public static readonly TimeZoneInfo TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTimeOffset ToChina(this DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToChina().DateTime);

    /// <summary>Midnight of the day in China, as an instant.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();

    public static string Format(DateTimeOffset? instant) => instant is { } i ? i.ToChina().ToString("yyyy-MM-dd HH:mm") : "";
}
