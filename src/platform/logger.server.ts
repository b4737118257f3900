import pino, { type Logger } from "pino";
import { config } from "./config.server";

const LOGGER_KEY = Symbol.for("guichet.logger");
type Holder = { [LOGGER_KEY]?: Logger };

/**
 * The process logger. Log ids and codes only: never names, e-mails, addresses or free text
 * (convention art. 4.6). Request logs carry the path without its query string.
 */
export function logger(): Logger {
  const holder = globalThis as Holder;
  holder[LOGGER_KEY] ??= pino(
    {
      level: config().LOG_LEVEL,
      base: { service: "guichet" },
      redact: {
        paths: ["email", "password", "*.email", "*.password", "req.headers.cookie", "req.headers.authorization"],
        remove: true,
      },
    },
    // Buffered writes: one write per 4 KiB instead of one per request line; flushed on exit.
    pino.destination({ sync: false, minLength: 4096 }),
  );
  return holder[LOGGER_KEY];
}
