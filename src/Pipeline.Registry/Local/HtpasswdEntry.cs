namespace Pipeline.Registry.Local;

/// <summary>
/// One line of an htpasswd file, <c>user:$2y$…</c>: the registry's htpasswd auth accepts bcrypt hashes only.
/// Holds the hash, never the password.
/// </summary>
public sealed class HtpasswdEntry
{
    private HtpasswdEntry(string username, string hash)
    {
        Username = username;
        Hash = hash;
    }

    /// <summary>The user name.</summary>
    public string Username { get; }

    /// <summary>The bcrypt hash (<c>$2y$COST$…</c>).</summary>
    public string Hash { get; }

    /// <summary>Hashes <paramref name="password"/> with bcrypt at <paramref name="workFactor"/> (4–31; Go's bcrypt accepts from 4).</summary>
    public static HtpasswdEntry Create(string username, string password, int workFactor = 10)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(password);
        if (username.Contains(':', StringComparison.Ordinal) || username.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"user name '{username}' cannot hold ':' or white space in an htpasswd file: choose another", nameof(username));
        }

        var salt = BCrypt.Net.BCrypt.GenerateSalt(workFactor, 'y');
        return new HtpasswdEntry(username, BCrypt.Net.BCrypt.HashPassword(password, salt));
    }

    /// <summary>True when <paramref name="password"/> matches this entry.</summary>
    public bool Verify(string password) => BCrypt.Net.BCrypt.Verify(password, Hash);

    /// <summary>The htpasswd line <c>user:hash</c> (no newline).</summary>
    public override string ToString() => $"{Username}:{Hash}";
}
