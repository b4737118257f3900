import { Writable } from "node:stream";
import pino from "pino";

const LOGGER_KEY = Symbol.for("guichet.logger");
type Holder = Record<symbol, unknown>;

/** Routes the process logger into memory for one test; returns the lines written and a restore function. */
export function captureLogs(): { lines: string[]; restore(): void } {
  const holder = globalThis as Holder;
  const previous = holder[LOGGER_KEY];
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  holder[LOGGER_KEY] = pino({ level: "info" }, sink);
  return {
    lines,
    restore() {
      holder[LOGGER_KEY] = previous;
    },
  };
}
