using System.Collections.Concurrent;

namespace SurveyPlatform.Data;

/// <summary>
/// Rows handed from one thread to another in batches of bytes, so that the bulk paths use both cores of a small
/// server: loading, SQLite steps through the rows on one thread while the answers are parsed on the other;
/// importing, the answers are encoded on one thread while SQLite inserts on the other. A few batches are reused
/// over and over; a failure on either side stops the other.
/// </summary>
internal sealed class RowPipe : IDisposable
{
    private const int InFlight = 4;
    private readonly BlockingCollection<RowBatch> _full = new(boundedCapacity: InFlight);
    private readonly BlockingCollection<RowBatch> _free = new();
    private readonly CancellationTokenSource _stop;

    public RowPipe(int fields, CancellationToken ct)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        for (var i = 0; i < InFlight + 2; i++)
            _free.Add(new RowBatch(fields));
    }

    /// <summary>An empty batch to fill (waits while the other side is behind).</summary>
    public RowBatch Take() => _free.Take(_stop.Token);

    public void Send(RowBatch batch) => _full.Add(batch, _stop.Token);

    /// <summary>Sends what is left and tells the other side that nothing more comes.</summary>
    public void Complete(RowBatch last)
    {
        if (last.Count > 0)
            Send(last);
        _full.CompleteAdding();
    }

    /// <summary>The batches as they come; each goes back for reuse once the loop moves past it.</summary>
    public IEnumerable<RowBatch> Received()
    {
        foreach (var batch in _full.GetConsumingEnumerable(_stop.Token))
        {
            yield return batch;
            batch.Clear();
            _free.Add(batch);
        }
    }

    /// <summary>Stops the other side (it then ends with <see cref="OperationCanceledException"/>).</summary>
    public void Fail() => _stop.Cancel();

    /// <summary>
    /// Runs <paramref name="background"/> on another thread and <paramref name="here"/> on this one; when either
    /// fails, the other is stopped and the first failure is thrown.
    /// </summary>
    public void Run(Action here, Action background)
    {
        var other = Task.Run(() =>
        {
            try
            {
                background();
            }
            catch
            {
                Fail();
                throw;
            }
        });
        try
        {
            here();
        }
        catch (OperationCanceledException) when (other.IsFaulted || !other.IsCompleted)
        {
            // Stopped because the other side failed: its failure is the one to report (below).
            Fail();
        }
        catch
        {
            Fail();
            try { other.Wait(); } catch (AggregateException) { }
            throw;
        }
        other.GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _stop.Dispose();
        _full.Dispose();
        _free.Dispose();
    }
}

/// <summary>Up to <see cref="Capacity"/> rows of byte fields and one number each, in one reusable buffer.</summary>
internal sealed class RowBatch(int fields)
{
    public const int Capacity = 4096;
    private byte[] _bytes = new byte[1 << 20];
    private readonly int[] _starts = new int[Capacity * fields];
    private readonly int[] _lengths = new int[Capacity * fields];
    private int _used;

    public int Count { get; private set; }
    public bool IsFull => Count == Capacity;
    /// <summary>A number per row (a weight, or a row index).</summary>
    public double[] Numbers { get; } = new double[Capacity];

    public int NewRow() => Count++;

    public void Set(int row, int field, ReadOnlySpan<byte> value)
    {
        if (_used + value.Length > _bytes.Length)
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + value.Length));
        value.CopyTo(_bytes.AsSpan(_used));
        _starts[row * fields + field] = _used;
        _lengths[row * fields + field] = value.Length;
        _used += value.Length;
    }

    public ReadOnlySpan<byte> Get(int row, int field) => _bytes.AsSpan(_starts[row * fields + field], _lengths[row * fields + field]);

    public void Clear() => Count = _used = 0;
}
