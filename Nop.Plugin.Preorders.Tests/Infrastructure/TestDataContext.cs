using LinqToDB.Data;

namespace Nop.Plugin.Preorders.Tests.Infrastructure;

/// <summary>
/// One linq2db <see cref="DataConnection"/> shared by everything of one test "scope" (the repositories and the
/// data provider of a <see cref="TestScope"/>), the way one request of nopCommerce sees one database.
/// <para>
/// Connection choice: a <see cref="DataConnection"/> is not thread-safe, but the plugin's services call the
/// repository methods one after another (each awaited), which is safe on one connection; it also lets a query
/// built from <c>Table</c> run after other repository calls, as in a shop. Work that runs concurrently (several
/// nodes, parallel requests, parallel tests) must use one context per concurrent flow: create a
/// <see cref="TestScope"/> (or a <see cref="TestRepository{TEntity}"/> over its own context) per flow; they all
/// reach the same database, and SQLite's WAL + busy timeout / PostgreSQL's MVCC handle the rest.
/// </para>
/// </summary>
public sealed class TestDataContext : IDisposable
{
    private DataConnection _connection;

    public TestDataContext(TestDatabase database)
    {
        Database = database ?? throw new ArgumentNullException(nameof(database));
        _connection = database.CreateConnection();
    }

    public TestDatabase Database { get; }

    /// <summary>The connection (opened by linq2db on first use, kept until the context is disposed).</summary>
    public DataConnection Connection => _connection ?? throw new ObjectDisposedException(nameof(TestDataContext));

    public void Dispose()
    {
        _connection?.Dispose();
        _connection = null;
    }
}
