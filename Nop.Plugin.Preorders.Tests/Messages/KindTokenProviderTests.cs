using Nop.Plugin.Preorders.Services.Messages;
using Nop.Plugin.Preorders.Tests.Infrastructure;
using Nop.Plugin.Preorders.Tests.Support;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Messages;

/// <summary>
/// The token builder only dispatches: a kind no registered provider handles would go out with the common tokens only,
/// and a kind two providers claim would depend on registration order. Both must fail here.
/// </summary>
[TestFixture]
public class KindTokenProviderTests
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

    public static IEnumerable<string> KindCodes() => PreorderMessageKinds.All.Select(k => k.Code);

    [TestCaseSource(nameof(KindCodes))]
    public void Every_kind_is_handled_by_exactly_one_registered_provider(string code)
    {
        var providers = _host.Resolve<IEnumerable<IPreorderKindTokens>>().Where(p => p.Handles(code)).ToList();
        Assert.That(providers, Has.Count.EqualTo(1), string.Join(", ", providers.Select(p => p.GetType().Name)));
    }

    [Test]
    public void Every_provider_class_is_registered()
    {
        var registered = _host.Resolve<IEnumerable<IPreorderKindTokens>>().Select(p => p.GetType()).ToList();
        var declared = typeof(IPreorderKindTokens).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IPreorderKindTokens).IsAssignableFrom(t)).ToList();
        Assert.That(declared, Has.Count.GreaterThanOrEqualTo(9));
        Assert.That(registered, Is.EquivalentTo(declared));
    }

    [Test]
    public void An_unknown_code_is_handled_by_nobody() =>
        Assert.That(_host.Resolve<IEnumerable<IPreorderKindTokens>>().Any(p => p.Handles("no-such-kind")), Is.False);
}
