namespace Pipeline.Engine.Parameters;

/// <summary>Where a parameter's value came from, in precedence order.</summary>
internal enum ParameterOrigin
{
    Argument,
    Environment,
    ParametersFile,
}
