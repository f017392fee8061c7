/** A minimal leveled logger writing to stderr. */
export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

const ORDER = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 } as const;

export function createLogger(level: keyof typeof ORDER): Logger {
  const min = ORDER[level];
  const emit = (lvl: keyof typeof ORDER, msg: string) => {
    if (ORDER[lvl] >= min) process.stderr.write(`${new Date().toISOString()} ${lvl.toUpperCase()} ${msg}\n`);
  };
  return {
    debug: (m) => emit('debug', m),
    info: (m) => emit('info', m),
    warn: (m) => emit('warn', m),
    error: (m) => emit('error', m),
  };
}
