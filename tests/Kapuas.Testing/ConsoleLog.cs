namespace Kapuas.Testing;

/// <summary>
/// Everything a process started by a test printed (standard output and error), kept in a file under a <c>logs</c>
/// folder of the test run, so that the last suite's scan reads it like any other log.
/// </summary>
public sealed class ConsoleLog : IDisposable
{
    private readonly StreamWriter writer;
    private bool disposed;

    public ConsoleLog(string dataDirectory, string name)
    {
        var folder = System.IO.Path.Combine(dataDirectory, "logs", "console");
        Directory.CreateDirectory(folder);
        Path = System.IO.Path.Combine(folder, $"{name}-{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid().ToString("N")[..6]}.log");
        writer = new StreamWriter(new FileStream(Path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public string Path { get; }

    public void Write(string line)
    {
        lock (writer)
        {
            // Children a test left running may still print after the test is over.
            if (!disposed)
            {
                writer.WriteLine(line);
            }
        }
    }

    public void Dispose()
    {
        lock (writer)
        {
            disposed = true;
            writer.Dispose();
        }
    }
}
