using System.Reflection;
using System.Text.RegularExpressions;

namespace Pipeline.Engine.Targets;

/// <summary>Names as the user wrote them, recovered from reflection and compiler-generated names.</summary>
internal static partial class MemberNames
{
    /// <summary>"Pipeline.Components.IPush.Push" (explicit implementation) → "Push".</summary>
    public static string Simple(string memberName) => memberName[(memberName.LastIndexOf('.') + 1)..];

    /// <summary>The property a target lambda was declared in: "&lt;get_Restore&gt;b__3_0" → "Restore".</summary>
    public static string DeclaringProperty(MethodInfo lambda)
    {
        var match = GetterInLambdaName().Match(lambda.Name);
        return match.Success ? match.Groups["property"].Value : $"{lambda.DeclaringType?.Name}.{lambda.Name}";
    }

    [GeneratedRegex(@"get_(?<property>[^>]+)>")]
    private static partial Regex GetterInLambdaName();
}
