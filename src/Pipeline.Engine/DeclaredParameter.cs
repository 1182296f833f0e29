using System.Linq.Expressions;
using System.Reflection;
using Pipeline.Engine.Parameters;

namespace Pipeline.Engine;

/// <summary>
/// The names of a declared <c>[Parameter]</c> as the engine reads it, so code that tells a user what to set names
/// the flag <c>--help</c> lists instead of retyping it: <c>DeclaredParameter.Flag&lt;IHazRelease&gt;(build => build.Release)</c>.
/// </summary>
public static class DeclaredParameter
{
    /// <summary>The command-line flag of a parameter (<c>--</c> and the kebab form of its name), as <c>--help</c> shows it.</summary>
    /// <exception cref="ArgumentException">The expression is not a property marked <c>[Parameter]</c>.</exception>
    public static string Flag<TComponent>(Expression<Func<TComponent, object?>> parameter) => Describe(parameter).Flag;

    /// <summary>The variable of a parameter (its <c>EnvironmentVariable</c>, else the UPPER_SNAKE form of its name).</summary>
    /// <exception cref="ArgumentException">The expression is not a property marked <c>[Parameter]</c>.</exception>
    public static string Variable<TComponent>(Expression<Func<TComponent, object?>> parameter) => Describe(parameter).EnvironmentVariable;

    internal static ParameterDescriptor Describe<TComponent>(Expression<Func<TComponent, object?>> parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var body = parameter.Body is UnaryExpression { NodeType: ExpressionType.Convert } conversion ? conversion.Operand : parameter.Body;
        var descriptor = body is MemberExpression { Member: PropertyInfo { DeclaringType: { } declaringType } property }
            ? ParameterCatalog.Discover(declaringType).FindByMemberName(property.Name)
            : null;
        return descriptor ?? throw new ArgumentException(
            $"'{parameter}' does not name a [Parameter] property: write it as build => build.RegistryPassword.", nameof(parameter));
    }
}
