namespace Pipeline.Engine;

/// <summary>
/// Marks a parameter as secret: its value is masked in every output, never shown by <c>--help</c>,
/// rejected in the committed parameters file, and accepted on the command line only with a warning.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class SecretAttribute : Attribute;
