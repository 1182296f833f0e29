using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Image;

/// <summary>The one way inputs are hashed: length-prefixed fields into an incremental SHA-256, and file contents.</summary>
public static class FieldHash
{
    /// <summary>Appends each field length-prefixed, so ("ab","c") and ("a","bc") never hash alike.</summary>
    public static void Append(IncrementalHash hash, params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var field in fields)
        {
            var bytes = Encoding.UTF8.GetBytes(field);
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }
    }

    /// <summary>The SHA-256 of a file's contents, lower-case hex.</summary>
    public static async Task<string> FileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
