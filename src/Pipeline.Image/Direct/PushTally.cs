namespace Pipeline.Image.Direct;

/// <summary>What a push uploaded and reused, counted from parallel uploads.</summary>
internal sealed class PushTally
{
    private long _bytes;
    private int _uploaded;
    private int _reused;

    public long Bytes => Interlocked.Read(ref _bytes);

    public int Uploaded => Volatile.Read(ref _uploaded);

    public int Reused => Volatile.Read(ref _reused);

    public void AddUploaded(long size)
    {
        Interlocked.Add(ref _bytes, size);
        Interlocked.Increment(ref _uploaded);
    }

    public void AddReused() => Interlocked.Increment(ref _reused);
}
