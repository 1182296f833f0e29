using System.Linq.Expressions;
using Pipeline.Engine.Parameters;

namespace Pipeline.Engine.CiFiles;

/// <summary>
/// The environment variable of a declared <c>[Parameter]</c>, so a CI description names the variable the build
/// really reads instead of retyping it: <c>CiParameter.SecretVariable&lt;IHazRegistry&gt;(build => build.RegistryPassword)</c>.
/// </summary>
public static class CiParameter
{
    /// <summary>The variable of a parameter (its <c>EnvironmentVariable</c>, else the UPPER_SNAKE form of its name).</summary>
    /// <exception cref="ArgumentException">The expression is not a property marked <c>[Parameter]</c>.</exception>
    public static string Variable<TComponent>(Expression<Func<TComponent, object?>> parameter) => Describe(parameter).EnvironmentVariable;

    /// <summary>The variable of a parameter that must also be <c>[Secret]</c>, so it is masked wherever it appears.</summary>
    /// <exception cref="ArgumentException">The expression is not a <c>[Parameter, Secret]</c> property.</exception>
    public static string SecretVariable<TComponent>(Expression<Func<TComponent, object?>> parameter)
    {
        var descriptor = Describe(parameter);
        return descriptor.IsSecret
            ? descriptor.EnvironmentVariable
            : throw new ArgumentException(
                $"{typeof(TComponent).Name}.{descriptor.MemberName} is not marked [Secret]: a CI secret must reach a secret "
                + "parameter (masked in every output), so add [Secret] to it or pass it as a plain variable.", nameof(parameter));
    }

    private static ParameterDescriptor Describe<TComponent>(Expression<Func<TComponent, object?>> parameter) => DeclaredParameter.Describe(parameter);
}
