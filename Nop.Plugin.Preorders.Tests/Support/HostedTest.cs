using Nop.Plugin.Preorders.Tests.Infrastructure;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Support;

/// <summary>A fixture whose every test gets a fresh migrated database and a host on it.</summary>
public abstract class HostedTest
{
    protected TestDatabase Database { get; private set; }

    protected PreorderTestHost Host { get; private set; }

    [SetUp]
    public void CreateHost()
    {
        Database = TestDatabase.CreateMigrated();
        Host = new PreorderTestHost(Database);
        OnHostCreated();
    }

    [TearDown]
    public void DisposeHost()
    {
        Host.Dispose();
        Database.Dispose();
    }

    protected virtual void OnHostCreated()
    {
    }
}

/// <summary>A fixture whose every test gets a fresh migrated database (hosts are built per test, with their own fakes).</summary>
public abstract class DatabaseTest
{
    protected TestDatabase Database { get; private set; }

    [SetUp]
    public void CreateDatabase() => Database = TestDatabase.CreateMigrated();

    [TearDown]
    public void DisposeDatabase() => Database.Dispose();
}
