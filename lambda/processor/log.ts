/**
 * Structured JSON log lines with ids and decisions: never content, metadata, attribute values
 * or push texts.
 *
 * The level is the function's own log-level control (`LoggingConfig.ApplicationLogLevel`, with
 * the JSON log format), which Lambda passes to the code as AWS_LAMBDA_LOG_LEVEL and applies
 * itself to every JSON line by its `level` key. Reading it here only saves building lines
 * Lambda would drop. Lambda's filter reads a line's level only beside a valid RFC 3339
 * `timestamp` (without one, the line counts as INFO), so every line carries one.
 */
import { LOG_LEVEL_RANK, LogLevelName } from '../../src/core/contract';

export type LogFields = Record<string, string | number | boolean | undefined | readonly string[]>;
export type LogSink = (line: string) => void;
export type LogLevel = LogLevelName;
const RANK = LOG_LEVEL_RANK;

/** The level Lambda filters at; INFO when none is configured (Lambda's own default). */
export function parseLogLevel(value: string | undefined): LogLevel {
  const level = (value ?? 'INFO').toUpperCase();
  return level in RANK ? level as LogLevel : 'INFO';
}

export const stdoutSink: LogSink = (line) => process.stdout.write(`${line}\n`);

export function createLogger(sink: LogSink = stdoutSink, level: LogLevel = parseLogLevel(process.env.AWS_LAMBDA_LOG_LEVEL)) {
  const enabled = (lineLevel: LogLevel) => RANK[lineLevel] >= RANK[level];
  const write = (lineLevel: LogLevel, message: string, fields: LogFields) => {
    if (enabled(lineLevel)) sink(JSON.stringify({ timestamp: new Date().toISOString(), level: lineLevel, message, ...fields }));
  };
  return {
    /** The configured level: lines that must never be filtered (metrics) carry it. */
    level,
    enabled,
    debug: (message: string, fields: LogFields) => write('DEBUG', message, fields),
    info: (message: string, fields: LogFields) => write('INFO', message, fields),
    warn: (message: string, fields: LogFields) => write('WARN', message, fields),
    error: (message: string, fields: LogFields) => write('ERROR', message, fields),
  };
}

export type Logger = ReturnType<typeof createLogger>;
