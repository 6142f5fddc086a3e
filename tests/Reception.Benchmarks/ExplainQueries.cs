using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Reception.Web.Data;

namespace Reception.Benchmarks;

/// <summary>
/// <c>cases --explain</c>: runs each casework benchmark once with every SQL statement timed and followed by SQLite's
/// <c>EXPLAIN QUERY PLAN</c> (on PostgreSQL, <c>RECEPTION_BENCH_POSTGRES</c>: preceded by its <c>EXPLAIN (ANALYZE, BUFFERS)</c>),
/// to see which statement is slow and why. <c>cases --explain NAME…</c> runs only the benchmarks whose method names contain one of the NAMEs.
/// </summary>
public static class ExplainQueries
{
    public static void Run(IReadOnlyList<string> only)
    {
        var benchmarks = new CaseQueryBenchmarks { Explain = true };
        benchmarks.Setup();
        foreach (var method in typeof(CaseQueryBenchmarks).GetMethods().Where(m => m.GetCustomAttributes(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), false).Length > 0 && (only.Count == 0 || only.Any(o => m.Name.Contains(o, StringComparison.OrdinalIgnoreCase)))))
        {
            Console.WriteLine($"==================== {method.Name}");
            benchmarks.NewScope();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            ((Task)method.Invoke(benchmarks, null)!).GetAwaiter().GetResult();
            Console.WriteLine($"-- total {watch.Elapsed.TotalMilliseconds:F1} ms (including the EXPLAINs)");
            benchmarks.EndScope();
        }

        benchmarks.Cleanup();
    }

    /// <summary>Adds the interceptor to the app's DbContext.</summary>
    public static void Add(WebApplicationBuilder builder) =>
        builder.Services.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(new Interceptor()));

    private sealed class Interceptor : DbCommandInterceptor
    {
        /// <summary>PostgreSQL: <c>EXPLAIN (ANALYZE, BUFFERS)</c> runs the statement first (a connection has one reader at a time).</summary>
        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command is not NpgsqlCommand npgsql) return result;
            Console.WriteLine(command.CommandText);
            foreach (DbParameter p in command.Parameters) Console.WriteLine($"--   {p.ParameterName} = {p.Value}");
            await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + command.CommandText, npgsql.Connection, npgsql.Transaction);
            foreach (NpgsqlParameter p in npgsql.Parameters) explain.Parameters.Add(p.Clone());
            await using var plan = await explain.ExecuteReaderAsync(cancellationToken);
            while (await plan.ReadAsync(cancellationToken)) Console.WriteLine($"--   {plan.GetString(0)}");
            return result;
        }

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            Console.WriteLine($"-- {eventData.Duration.TotalMilliseconds:F1} ms (to the first row)");
            if (command is NpgsqlCommand) return result;
            Console.WriteLine(command.CommandText);
            foreach (DbParameter p in command.Parameters) Console.WriteLine($"--   {p.ParameterName} = {p.Value}");
            await using var explain = command.Connection!.CreateCommand();
            explain.Transaction = command.Transaction;
            explain.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            foreach (DbParameter p in command.Parameters)
            {
                var copy = explain.CreateParameter();
                copy.ParameterName = p.ParameterName;
                copy.Value = p.Value;
                explain.Parameters.Add(copy);
            }

            // The reader of the query is still open: SQLite allows a second statement on the connection meanwhile.
            await using var plan = await explain.ExecuteReaderAsync(cancellationToken);
            while (await plan.ReadAsync(cancellationToken)) Console.WriteLine($"--   plan: {plan.GetValue(3)}");
            return result;
        }
    }
}
