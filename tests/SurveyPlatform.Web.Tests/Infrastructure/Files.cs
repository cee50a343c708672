namespace SurveyPlatform.Web.Tests.Infrastructure;

public static class Files
{
    /// <summary>Reads a file that the server may hold open (the database, its WAL).</summary>
    public static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
