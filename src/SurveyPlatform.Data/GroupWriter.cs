using System.Threading.Channels;

namespace SurveyPlatform.Data;

/// <summary>
/// Group commit: submissions queue in a channel; one writer takes everything waiting (up to <see cref="MaxBatch"/>),
/// writes it in one transaction and commits once, durably. Each caller's task completes only after that commit, so
/// the thank-you page is never shown for a response that is not on disk (anonymity.md rule 9). One durable commit
/// serves many respondents: see the decision record "Group commit" in docs/architecture.md.
/// </summary>
public abstract class GroupWriter : IAsyncDisposable
{
    public const int MaxBatch = 256;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private Task? _loop;

    /// <summary>Starts the writing loop; called by the derived class once it is ready.</summary>
    protected void Start() =>
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    public Task<SubmitOutcome> SubmitAsync(Submission submission, CancellationToken ct)
    {
        var pending = new Pending(submission);
        if (!_queue.Writer.TryWrite(pending))
            throw new InvalidOperationException("The response writer has stopped.");
        return pending.Completion.Task.WaitAsync(ct);
    }

    /// <summary>
    /// Writes and commits a batch, returning each submission's outcome (null: its own failure was set on it already).
    /// Throwing fails the whole batch; the connection is then opened afresh for the next one.
    /// </summary>
    protected abstract Task<SubmitOutcome?[]> WriteAsync(IReadOnlyList<Pending> batch);

    /// <summary>Closes the connection after a failure (the next batch opens a new one).</summary>
    protected abstract ValueTask ResetAsync();

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
                    batch.Add(item);
                try
                {
                    var outcomes = await WriteAsync(batch);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        if (outcomes[i] is { } outcome)
                            batch[i].Completion.TrySetResult(outcome);
                    }
                }
                catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException or TimeoutException)
                {
                    foreach (var pending in batch)
                        pending.Completion.TrySetException(e);
                    await ResetAsync();
                }
                batch.Clear();
            }
        }
        finally
        {
            await ResetAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop is not null)
            await _loop;
        GC.SuppressFinalize(this);
    }

    protected sealed record Pending(Submission Submission)
    {
        public TaskCompletionSource<SubmitOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
