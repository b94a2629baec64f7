using Nop.Data;
using Nop.Plugin.Preorders.Tests.Infrastructure;

namespace Nop.Plugin.Preorders.Bench.Harness;

/// <summary>
/// Builds one of the plugin's data-only services (constructor takes repositories and the data provider) on a
/// <see cref="TestScope"/>: a lighter stand-in for a whole service host when 64 shoppers each need their own.
/// </summary>
public static class ScopeServices
{
    public static T Create<T>(TestScope scope)
    {
        var constructor = typeof(T).GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(p =>
        {
            if (p.ParameterType == typeof(INopDataProvider))
                return (object)scope.DataProvider;
            if (p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(IRepository<>))
                return typeof(TestScope).GetMethod(nameof(TestScope.Repository))!.MakeGenericMethod(p.ParameterType.GetGenericArguments()[0]).Invoke(scope, null);
            throw new NotSupportedException($"{typeof(T).Name} needs a {p.ParameterType.Name}; build it through PreorderTestHost instead.");
        }).ToArray();
        return (T)constructor.Invoke(arguments);
    }
}
