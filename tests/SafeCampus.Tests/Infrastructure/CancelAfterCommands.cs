using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SafeCampus.Tests.Infrastructure;

/// <summary>
/// Simulates a process killed half-way: cancels <see cref="Token"/> once EF Core has executed <c>limit</c> commands whose
/// SQL contains <c>marker</c> against one database. The work done up to then stays committed, as it would after a kill.
/// </summary>
public sealed class CancelAfterCommands : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _database;
    private readonly string _marker;
    private readonly int _limit;
    private readonly CancellationTokenSource _cts = new();
    private readonly IDisposable _all;
    private readonly List<IDisposable> _subscriptions = [];
    private int _seen;

    public CancelAfterCommands(string database, string marker, int limit)
    {
        (_database, _marker, _limit) = (database, marker, limit);
        _all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public CancellationToken Token => _cts.Token;
    public int Seen => _seen;

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data
            && data.Command.Connection?.Database == _database && data.Command.CommandText.Contains(_marker, StringComparison.Ordinal)
            && Interlocked.Increment(ref _seen) >= _limit)
        {
            _cts.Cancel();
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _all.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }

        _cts.Dispose();
    }
}
