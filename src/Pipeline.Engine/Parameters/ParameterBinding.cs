namespace Pipeline.Engine.Parameters;

/// <summary>What binding found: every problem (each naming its flag, its source and the fix), and the variables left unread.</summary>
/// <param name="Errors">One line per problem; the build stops with all of them before any target runs.</param>
/// <param name="IgnoredVariables">Environment variables named like a parameter no planned target uses, each with its flag (shown with <c>--verbose</c>).</param>
internal sealed record ParameterBinding(IReadOnlyList<string> Errors, IReadOnlyList<string> IgnoredVariables);
