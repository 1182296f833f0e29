namespace Pipeline.Engine.Parameters;

/// <summary>The values bound for this run, read by <see cref="IPipelineBuild.Parameter{T}"/>.</summary>
internal sealed class ParameterValues(ParameterCatalog catalog)
{
    private readonly Dictionary<string, object?> bound = new(StringComparer.Ordinal);

    public void Set(ParameterDescriptor parameter, object? value) => bound[parameter.MemberName] = value;

    public bool TryGet(ParameterDescriptor parameter, out object? value) => bound.TryGetValue(parameter.MemberName, out value);

    public T Read<T>(string memberName, T defaultValue)
    {
        var parameter = catalog.FindByMemberName(memberName)
            ?? throw new InvalidOperationException($"'{memberName}' reads Parameter() but is not a property marked [Parameter].");
        if (!bound.TryGetValue(parameter.MemberName, out var value))
        {
            return defaultValue;
        }

        return value is T typed
            ? typed
            : throw new InvalidOperationException(
                $"Parameter '{parameter.MemberName}' holds a {value?.GetType().Name ?? "null"}, which is not a {typeof(T).Name}: read it as its property type.");
    }
}
