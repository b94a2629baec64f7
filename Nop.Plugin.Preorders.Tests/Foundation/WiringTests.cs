using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nop.Plugin.Preorders.Infrastructure;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using Nop.Services.Events;
using Nop.Services.ScheduleTasks;
using Nop.Web.Framework.Components;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Foundation;

/// <summary>
/// Builds the plugin's services the way nopCommerce does (Autofac over NopStartup's registrations) and
/// resolves everything the plugin declares, so a missing registration fails here and not in a shop.
/// </summary>
[TestFixture]
public class WiringTests
{
    private TestDatabase _database;
    private PreorderTestHost _host;

    [OneTimeSetUp]
    public void SetUp()
    {
        _database = TestDatabase.CreateMigrated();
        _host = new PreorderTestHost(_database);
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        _host.Dispose();
        _database.Dispose();
    }

    private static readonly Type[] PluginTypes = typeof(PreorderPlugin).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true }).ToArray();

    [Test]
    public void Every_registered_service_resolves()
    {
        var services = new ServiceCollection();
        new NopStartup().ConfigureServices(services, new ConfigurationBuilder().Build());
        var pluginServices = services.Where(d => d.ServiceType.Assembly == typeof(PreorderPlugin).Assembly
            || d.ImplementationType?.Assembly == typeof(PreorderPlugin).Assembly).ToList();
        Assert.That(pluginServices, Has.Count.GreaterThan(15));
        foreach (var descriptor in pluginServices)
            Assert.That(_host.Resolve(descriptor.ServiceType), Is.InstanceOf(descriptor.ImplementationType ?? descriptor.ServiceType), descriptor.ServiceType.Name);

        Assert.That(_host.Resolve<Nop.Services.Orders.IShoppingCartService>(), Is.InstanceOf<Services.Orders.PreorderShoppingCartService>(),
            "the plugin's cart service must replace nopCommerce's");
    }

    public static IEnumerable<Type> UnregisteredTypes() => PluginTypes.Where(t =>
        typeof(Controller).IsAssignableFrom(t) || typeof(NopViewComponent).IsAssignableFrom(t) || typeof(IScheduleTask).IsAssignableFrom(t)
        || t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>)) || t == typeof(PreorderPlugin));

    [TestCaseSource(nameof(UnregisteredTypes))]
    public void Types_nopCommerce_creates_itself_can_be_built(Type type) =>
        Assert.That(_host.CreateUnregistered(type), Is.InstanceOf(type));

    [Test]
    public void The_plugin_declares_controllers_components_consumers_and_a_task()
    {
        var types = UnregisteredTypes().ToList();
        Assert.That(types.Count(t => typeof(Controller).IsAssignableFrom(t)), Is.GreaterThanOrEqualTo(1));
        Assert.That(types.Count(t => typeof(NopViewComponent).IsAssignableFrom(t)), Is.GreaterThanOrEqualTo(6));
        Assert.That(types.Count(t => typeof(IScheduleTask).IsAssignableFrom(t)), Is.EqualTo(1));
        Assert.That(types.Any(t => t.FullName == PreorderDefaults.TaskType), Is.True, "the task type name stored in nopCommerce must match the class");
    }
}
