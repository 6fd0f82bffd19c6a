/**
 * One structured JSON line per message, with ids and the decision: never content, metadata,
 * attribute values or push texts.
 */
export type LogFields = Record<string, string | number | boolean | undefined | Record<string, unknown>>;

export type LogSink = (line: string) => void;

export function createLogger(sink: LogSink = (line) => process.stdout.write(`${line}\n`)) {
  const write = (level: 'INFO' | 'WARN' | 'ERROR', message: string, fields: LogFields) =>
    sink(JSON.stringify({ level, message, ...fields }));
  return {
    info: (message: string, fields: LogFields) => write('INFO', message, fields),
    warn: (message: string, fields: LogFields) => write('WARN', message, fields),
    error: (message: string, fields: LogFields) => write('ERROR', message, fields),
  };
}

export type Logger = ReturnType<typeof createLogger>;
