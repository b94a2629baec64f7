using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Autofac;
using Castle.DynamicProxy;

namespace Nop.Plugin.Preorders.Bench.Harness;

/// <summary>
/// Times the virtual steps of one of the plugin's services without subclassing it by hand: the service is
/// built as a Castle class proxy (constructor arguments from the container) whose interceptor records how
/// long each named method took, including the asynchronous ones (until their task completes).
/// </summary>
public sealed class StepTimer : IInterceptor
{
    private static readonly ProxyGenerator Generator = new();
    private readonly HashSet<string> _steps;
    private readonly Dictionary<string, Func<IInvocation, object>> _replacements = new();

    public StepTimer(params string[] steps)
    {
        _steps = steps.ToHashSet();
    }

    public ConcurrentDictionary<string, double> Milliseconds { get; } = new();

    public void Reset() => Milliseconds.Clear();

    /// <summary>Runs <paramref name="replacement"/> instead of the method (its return value is the method's).</summary>
    public StepTimer Replace(string method, Func<IInvocation, object> replacement)
    {
        _replacements[method] = replacement;
        _steps.Add(method);
        return this;
    }

    /// <summary>Registers <typeparamref name="T"/> as a timed proxy in place of the plugin's registration.</summary>
    public void Register<T>(ContainerBuilder builder) where T : class =>
        builder.Register(c =>
        {
            var constructor = typeof(T).GetConstructors().OrderByDescending(x => x.GetParameters().Length).First();
            var context = c.Resolve<IComponentContext>();
            var arguments = constructor.GetParameters().Select(p => context.Resolve(p.ParameterType)).ToArray();
            return (T)Generator.CreateClassProxy(typeof(T), arguments, this);
        }).As<T>().InstancePerLifetimeScope();

    public void Intercept(IInvocation invocation)
    {
        var name = invocation.Method.Name;
        if (!_steps.Contains(name))
        {
            invocation.Proceed();
            return;
        }
        var stopwatch = Stopwatch.StartNew();
        if (_replacements.TryGetValue(name, out var replacement))
            invocation.ReturnValue = replacement(invocation);
        else
            invocation.Proceed();
        if (invocation.ReturnValue is Task task)
            task.ContinueWith(_ => Add(name, stopwatch.Elapsed.TotalMilliseconds), TaskContinuationOptions.ExecuteSynchronously);
        else
            Add(name, stopwatch.Elapsed.TotalMilliseconds);
    }

    private void Add(string name, double ms) => Milliseconds.AddOrUpdate(name, ms, (_, total) => total + ms);

    /// <summary>Calls a protected method of the proxied object (its base implementation).</summary>
    public static object CallProtected(object target, string method, params object[] arguments) =>
        target.GetType().BaseType!.GetMethod(method, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)!.Invoke(target, arguments);
}
