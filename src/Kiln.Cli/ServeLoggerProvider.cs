using Microsoft.Extensions.Logging;

namespace Kiln.Cli;

/// <summary>
/// Writes the server's log (traps, timeouts, reloads) to the CLI's error writer, one line each:
/// <c>kiln serve: warn: MESSAGE</c>. The console logger would write to the process's stdout instead.
/// </summary>
internal sealed class ServeLoggerProvider(TextWriter writer, LogLevel minimum) : ILoggerProvider
{
    private readonly TextWriter _writer = TextWriter.Synchronized(writer);

    public ILogger CreateLogger(string categoryName) => new Logger(_writer, minimum);

    public void Dispose()
    {
    }

    private sealed class Logger(TextWriter writer, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            string level = logLevel switch
            {
                LogLevel.Critical => "crit",
                LogLevel.Error => "error",
                LogLevel.Warning => "warn",
                LogLevel.Information => "info",
                _ => "debug",
            };
            writer.WriteLine($"kiln serve: {level}: {formatter(state, exception)}");
        }
    }
}
