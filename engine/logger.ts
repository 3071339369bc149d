export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/** A logger that adds fixed fields (run id, node id) to every line. */
export function childLogger(parent: Logger, fields: LogFields): Logger {
  if (parent === silentLogger) return parent;
  return {
    debug: (m, f) => parent.debug(m, { ...fields, ...f }),
    info: (m, f) => parent.info(m, { ...fields, ...f }),
    warn: (m, f) => parent.warn(m, { ...fields, ...f }),
    error: (m, f) => parent.error(m, { ...fields, ...f }),
  };
}
