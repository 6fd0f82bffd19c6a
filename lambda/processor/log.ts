/**
 * Structured JSON log lines with ids and decisions: never content, metadata, attribute values
 * or push texts. The level is the function's LOG_LEVEL (DEBUG, INFO, WARN or ERROR).
 */
export type LogFields = Record<string, string | number | boolean | undefined | Record<string, unknown>>;
export type LogSink = (line: string) => void;
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

const RANK: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };

export function parseLogLevel(value: string | undefined): LogLevel {
  const level = (value ?? 'INFO').toUpperCase();
  return level in RANK ? level as LogLevel : 'INFO';
}

export const stdoutSink: LogSink = (line) => process.stdout.write(`${line}\n`);

export function createLogger(sink: LogSink = stdoutSink, level: LogLevel = parseLogLevel(process.env.LOG_LEVEL)) {
  const write = (lineLevel: LogLevel, message: string, fields: LogFields) => {
    if (RANK[lineLevel] >= RANK[level]) sink(JSON.stringify({ level: lineLevel, message, ...fields }));
  };
  return {
    debug: (message: string, fields: LogFields) => write('DEBUG', message, fields),
    info: (message: string, fields: LogFields) => write('INFO', message, fields),
    warn: (message: string, fields: LogFields) => write('WARN', message, fields),
    error: (message: string, fields: LogFields) => write('ERROR', message, fields),
  };
}

export type Logger = ReturnType<typeof createLogger>;
