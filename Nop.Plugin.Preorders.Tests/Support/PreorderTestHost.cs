using System.Collections.Concurrent;
using System.Reflection;
using Autofac;
using Autofac.Core;
using Autofac.Core.Activators.Delegate;
using Autofac.Core.Lifetime;
using Autofac.Core.Registration;
using Autofac.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Nop.Core;
using Nop.Core.Caching;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Cms;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Directory;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Core.Domain.Stores;
using Nop.Core.Events;
using Nop.Data;
using Nop.Plugin.Preorders.Data;
using Nop.Plugin.Preorders.Infrastructure;
using Nop.Plugin.Preorders.Services;
using Nop.Services.Catalog;
using Nop.Services.Configuration;
using Nop.Services.Directory;
using Nop.Services.Events;
using Nop.Services.Helpers;
using Nop.Services.Localization;
using Nop.Services.Orders;
using Nop.Services.Payments;
using Nop.Plugin.Preorders.Tests.Infrastructure;

namespace Nop.Plugin.Preorders.Tests.Support;

/// <summary>A clock tests move.</summary>
public class TestClock : PreorderClock
{
    public DateTime Now { get; set; } = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    public override DateTime UtcNow => Now;
}

/// <summary>
/// The plugin as nopCommerce builds it: an Autofac container over the services the plugin's NopStartup
/// registers, on a real test database (repositories, data provider, cache of a <see cref="TestScope"/>),
/// with nopCommerce's services mocked. Behaviour-bearing nop services (orders, products, settings,
/// payments) are small in-memory fakes on Moq; every other nopCommerce interface resolves to a loose mock,
/// so a missing registration of the plugin's own classes still fails.
/// One host per simulated request / web-farm node; hosts may share a <see cref="Shop"/> (the nopCommerce side).
/// </summary>
public sealed class PreorderTestHost : IDisposable
{
    private readonly IContainer _container;
    private readonly ILifetimeScope _scope;

    public PreorderTestHost(TestDatabase database, FakeShop shop = null, bool dispatchEvents = true, Action<ContainerBuilder> configure = null)
    {
        Shop = shop ?? new FakeShop();
        Publisher = new TestEventPublisher(this, dispatchEvents);
        Scope = new TestScope(database, null, Shop.Cache);

        var services = new ServiceCollection();
        new NopStartup().ConfigureServices(services, new ConfigurationBuilder().Build());
        var builder = new ContainerBuilder();
        builder.Populate(services);

        builder.RegisterInstance(Shop.Clock).As<PreorderClock>();
        foreach (var type in PreorderDbNames.EntityTypes)
        {
            var repositoryType = typeof(IRepository<>).MakeGenericType(type);
            var repository = typeof(TestScope).GetMethod(nameof(TestScope.Repository))!.MakeGenericMethod(type).Invoke(Scope, null)!;
            builder.RegisterInstance(repository).As(repositoryType);
        }
        builder.RegisterInstance(Scope.DataProvider).As<INopDataProvider>();
        builder.RegisterInstance(Scope).ExternallyOwned();
        builder.RegisterInstance(Shop.Cache).As<IStaticCacheManager>();
        builder.RegisterInstance(Publisher).As<IEventPublisher>();
        // nopCommerce registers every settings class (loaded per store); here: defaults, and the plugin's from the shop
        foreach (var settingsType in typeof(Nop.Core.Configuration.ISettings).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Nop.Core.Configuration.ISettings).IsAssignableFrom(t) && t != typeof(WidgetSettings)))
            builder.RegisterInstance(Activator.CreateInstance(settingsType)!).As(settingsType);
        builder.RegisterInstance(Shop.WidgetSettings);
        builder.Register(_ => Shop.Settings).As<PreorderSettings>();
        // provided by nopCommerce's ASP.NET host
        builder.RegisterInstance(new Mock<Microsoft.AspNetCore.Mvc.Infrastructure.IActionContextAccessor>().Object);
        builder.RegisterInstance(new Mock<Microsoft.AspNetCore.Mvc.Routing.IUrlHelperFactory>().Object);
        builder.RegisterInstance(new Mock<Microsoft.AspNetCore.Http.IHttpContextAccessor>().Object);
        Shop.RegisterFakes(builder, this);
        configure?.Invoke(builder);
        builder.RegisterSource(new LooseMockSource());

        _container = builder.Build();
        _scope = _container.BeginLifetimeScope();
    }

    public FakeShop Shop { get; }

    public TestScope Scope { get; }

    public TestEventPublisher Publisher { get; }

    public TestClock Clock => Shop.Clock;

    public PreorderSettings Settings => Shop.Settings;

    public T Resolve<T>() => _scope.Resolve<T>();

    public object Resolve(Type type) => _scope.Resolve(type);

    /// <summary>Creates a type nopCommerce creates without registration (controllers, view components, consumers, tasks): constructor parameters from the container.</summary>
    public object CreateUnregistered(Type type)
    {
        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return ctor.Invoke(ctor.GetParameters().Select(p => _scope.Resolve(p.ParameterType)).ToArray());
    }

    public T CreateUnregistered<T>() => (T)CreateUnregistered(typeof(T));

    public void Dispose()
    {
        _scope.Dispose();
        _container.Dispose();
        Scope.Dispose();
    }

    /// <summary>Every nopCommerce interface nobody registered becomes a loose Moq mock (Nop.* namespaces only).</summary>
    private sealed class LooseMockSource : IRegistrationSource
    {
        public bool IsAdapterForIndividualComponents => false;

        public IEnumerable<IComponentRegistration> RegistrationsFor(Service service, Func<Service, IEnumerable<ServiceRegistration>> registrationAccessor)
        {
            if (service is not TypedService typed || !typed.ServiceType.IsInterface
                || typed.ServiceType.Namespace?.StartsWith("Nop.") != true || typed.ServiceType.Namespace.StartsWith("Nop.Plugin.Preorders")
                || registrationAccessor(service).Any())
                return Array.Empty<IComponentRegistration>();

            var mockType = typeof(Mock<>).MakeGenericType(typed.ServiceType);
            return new[]
            {
                new ComponentRegistration(Guid.NewGuid(),
                    new DelegateActivator(typed.ServiceType, (_, _) => ((Mock)Activator.CreateInstance(mockType)!).Object),
                    new CurrentScopeLifetime(), InstanceSharing.Shared, InstanceOwnership.OwnedByLifetimeScope,
                    new[] { service }, new Dictionary<string, object>())
            };
        }
    }
}

/// <summary>Publishes like nopCommerce: to every IConsumer of the event type found in the plugin, resolved from the host; and records everything.</summary>
public sealed class TestEventPublisher : IEventPublisher
{
    private readonly PreorderTestHost _host;
    private readonly bool _dispatch;
    private static readonly ConcurrentDictionary<Type, Type[]> ConsumerTypes = new();

    public TestEventPublisher(PreorderTestHost host, bool dispatch)
    {
        _host = host;
        _dispatch = dispatch;
    }

    public ConcurrentQueue<object> Published { get; } = new();

    public IEnumerable<T> Of<T>() => Published.OfType<T>();

    public async Task PublishAsync<TEvent>(TEvent @event)
    {
        Published.Enqueue(@event);
        if (!_dispatch)
            return;
        var consumerTypes = ConsumerTypes.GetOrAdd(typeof(TEvent), t => typeof(PreorderPlugin).Assembly.GetTypes()
            .Where(c => c is { IsClass: true, IsAbstract: false } && typeof(IConsumer<>).MakeGenericType(t).IsAssignableFrom(c)).ToArray());
        foreach (var type in consumerTypes)
            await ((IConsumer<TEvent>)_host.CreateUnregistered(type)).HandleEventAsync(@event);
    }

    public void Publish<TEvent>(TEvent @event) => PublishAsync(@event).GetAwaiter().GetResult();
}
