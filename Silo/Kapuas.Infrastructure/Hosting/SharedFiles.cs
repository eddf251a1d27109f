using System.Runtime.InteropServices;

namespace Kapuas.Infrastructure.Hosting;

/// <summary>
/// Files that every process of one installation shares under the data folder (the NIK key, for one), created without
/// races: a process that finds the file missing writes its own candidate to a private temporary file and links it into
/// place only if no other process did so first. Readers therefore see no file or the whole file, never a part, and
/// all processes end up with the same content: the first one linked.
/// </summary>
public static partial class SharedFiles
{
    private const int AlreadyExists = 17; // EEXIST on Linux

    /// <summary>The file's bytes; when it does not exist yet, it is created first with <paramref name="content"/>.</summary>
    public static byte[] ReadOrCreate(string path, Func<byte[]> content)
    {
        if (!File.Exists(path))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(directory);
            var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using (var stream = new FileStream(temporary, options))
                {
                    stream.Write(content());
                    stream.Flush(flushToDisk: true);
                }

                LinkUnlessExists(temporary, path);
            }
            finally
            {
                File.Delete(temporary);
            }
        }

        return File.ReadAllBytes(path);
    }

    /// <summary>Gives <paramref name="source"/> the name <paramref name="target"/>, or does nothing when that name exists.</summary>
    private static void LinkUnlessExists(string source, string target)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                File.Move(source, target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                // Another process was first: its file stands.
            }

            return;
        }

        // link(2) refuses an existing name atomically; File.Move would check first and then rename over it.
        if (Link(source, target) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            if (error != AlreadyExists)
            {
                throw new IOException($"Cannot create {target}: {Marshal.GetPInvokeErrorMessage(error)}");
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string source, string target);
}
