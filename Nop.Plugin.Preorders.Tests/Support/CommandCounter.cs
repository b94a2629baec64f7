using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using LinqToDB.Common;
using LinqToDB.Interceptors;

namespace Nop.Plugin.Preorders.Tests.Support;

/// <summary>A command prepared for execution, as linq2db sent it (for EXPLAIN).</summary>
public sealed record CapturedCommand(string Sql, IReadOnlyList<(string Name, object Value, DbType Type)> Parameters);

/// <summary>
/// Counts database round trips: linq2db calls <see cref="CommandInitialized"/> once for every command it
/// sends (queries, raw SQL through the data provider, inserts), so the count is exact, not inferred from timing.
/// Optionally keeps the commands (text and parameters) for EXPLAIN. Used by the round-trip tests and the benchmarks.
/// </summary>
public sealed class CommandCounter : ICommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public bool Capture { get; set; }

    public ConcurrentQueue<CapturedCommand> Captured { get; } = new();

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        Captured.Clear();
    }

    public DbCommand CommandInitialized(CommandEventData eventData, DbCommand command)
    {
        Interlocked.Increment(ref _count);
        if (Capture)
            Captured.Enqueue(new CapturedCommand(command.CommandText,
                command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value, p.DbType)).ToList()));
        return command;
    }

    public Option<object> ExecuteScalar(CommandEventData eventData, DbCommand command, Option<object> result) => result;

    public Task<Option<object>> ExecuteScalarAsync(CommandEventData eventData, DbCommand command, Option<object> result, CancellationToken cancellationToken) =>
        Task.FromResult(result);

    public Option<int> ExecuteNonQuery(CommandEventData eventData, DbCommand command, Option<int> result) => result;

    public Task<Option<int>> ExecuteNonQueryAsync(CommandEventData eventData, DbCommand command, Option<int> result, CancellationToken cancellationToken) =>
        Task.FromResult(result);

    public Option<DbDataReader> ExecuteReader(CommandEventData eventData, DbCommand command, CommandBehavior commandBehavior, Option<DbDataReader> result) => result;

    public Task<Option<DbDataReader>> ExecuteReaderAsync(CommandEventData eventData, DbCommand command, CommandBehavior commandBehavior, Option<DbDataReader> result,
        CancellationToken cancellationToken) => Task.FromResult(result);

    public void AfterExecuteReader(CommandEventData eventData, DbCommand command, CommandBehavior commandBehavior, DbDataReader dataReader)
    {
    }

    public void BeforeReaderDispose(CommandEventData eventData, DbCommand command, DbDataReader dataReader)
    {
    }

    public Task BeforeReaderDisposeAsync(CommandEventData eventData, DbCommand command, DbDataReader dataReader) => Task.CompletedTask;
}
