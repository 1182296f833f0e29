using Pipeline.Manifests;
using Pipeline.Registry;

namespace Pipeline.Components;

/// <summary>
/// A user-name flag with its secret variable (<c>--pull-username</c> / <c>PULL_PASSWORD</c>): both or neither. A
/// half-given pair is refused where it is read, naming the missing half, and a whole one is explicit credentials.
/// </summary>
internal static class CredentialPair
{
    /// <summary>The credentials the pair gives, or null when neither half is given.</summary>
    /// <param name="usernameFlag">The user's flag, e.g. <c>--pull-username</c>.</param>
    /// <param name="username">Its value.</param>
    /// <param name="passwordVariable">The secret's variable, e.g. <c>PULL_PASSWORD</c>.</param>
    /// <param name="password">Its value.</param>
    /// <param name="withoutPair">What happens without the pair, for the fix of a lone password, e.g. "for anonymous upstream pulls".</param>
    /// <exception cref="ManifestException">Only one half is given.</exception>
    public static RegistryCredentials? Read(string usernameFlag, string? username, string passwordVariable, string? password, string withoutPair)
    {
        var hasUser = username is { Length: > 0 };
        var hasPassword = password is { Length: > 0 };
        if (hasUser != hasPassword)
        {
            throw new ManifestException(
                ManifestFailureKind.UnusableCredentials,
                hasUser
                    ? $"{usernameFlag} {username} was given without a password: set {passwordVariable} in the environment"
                    : $"{passwordVariable} is set without a user: pass {usernameFlag}, or unset it {withoutPair}");
        }

        return hasUser ? new RegistryCredentials(username!, password, CredentialSource.Explicit($"{usernameFlag} and {passwordVariable}")) : null;
    }
}
