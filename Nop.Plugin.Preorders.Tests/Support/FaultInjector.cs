using System.Reflection;

namespace Nop.Plugin.Preorders.Tests.Support;

/// <summary>A simulated crash: thrown where a process would have died between two steps.</summary>
public class InjectedFaultException : Exception
{
    public InjectedFaultException(string where) : base("injected fault: " + where) { }
}

/// <summary>
/// Wraps any interface (a repository, the data provider) and throws <see cref="InjectedFaultException"/> on the
/// next N calls of one method, after optionally letting the call through first ("the write happened, then the
/// process died"). Everything else passes to the real object.
/// </summary>
public class FaultInjector<T> : DispatchProxy where T : class
{
    private T _inner;
    private string _method;
    private int _remaining;
    private bool _afterCall;
    private int _skip;

    public int Injected { get; private set; }

    public static (T Proxy, FaultInjector<T> Control) Wrap(T inner)
    {
        var proxy = Create<T, FaultInjector<T>>();
        var control = (FaultInjector<T>)(object)proxy;
        control._inner = inner;
        return (proxy, control);
    }

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> fail; with <paramref name="afterCall"/> the real call runs first.</summary>
    /// <param name="method">Method name; a property getter is "get_Name".</param>
    /// <param name="times">How many calls fail.</param>
    /// <param name="afterCall">Let the real call run first ("written, then died").</param>
    /// <param name="skip">Calls that pass before the first failure.</param>
    public void Arm(string method, int times = 1, bool afterCall = false, int skip = 0)
    {
        _method = method;
        _remaining = times;
        _afterCall = afterCall;
        _skip = skip;
    }

    protected override object Invoke(MethodInfo targetMethod, object[] args)
    {
        var fire = targetMethod!.Name == _method && _remaining > 0 && _skip-- <= 0;
        if (fire && !_afterCall)
            return Fail(targetMethod);
        var result = targetMethod.Invoke(_inner, args);
        if (!fire)
            return result;
        if (result is Task task)
            task.GetAwaiter().GetResult();
        return Fail(targetMethod);
    }

    private object Fail(MethodInfo method)
    {
        _remaining--;
        Injected++;
        var fault = new InjectedFaultException($"{typeof(T).Name}.{method.Name}");
        if (typeof(Task).IsAssignableFrom(method.ReturnType))
        {
            if (method.ReturnType.IsGenericType)
            {
                var fromException = typeof(Task).GetMethod(nameof(Task.FromException), 1, new[] { typeof(Exception) })!
                    .MakeGenericMethod(method.ReturnType.GetGenericArguments()[0]);
                return fromException.Invoke(null, new object[] { fault });
            }
            return Task.FromException(fault);
        }
        throw fault;
    }
}
