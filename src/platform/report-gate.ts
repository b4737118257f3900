/**
 * Load shedding for report work (ADR 022): at most `concurrency` report requests run at once and at
 * most `queue` wait, each for `maxWaitMs` at most; beyond that the request is refused at once
 * (503, « réessayez dans un instant ») instead of taking the CPU and the connections that recordings
 * need. Recordings never pass through the gate.
 */
export type ReportGate = {
  /** A release function once admitted, or null when refused (queue full or waited too long). */
  enter(): Promise<(() => void) | null>;
  readonly running: number;
  readonly waiting: number;
};

export type ReportGateLimits = { concurrency: number; queue: number; maxWaitMs: number };

/**
 * Paths whose work is a report: the pilotage dashboards and exports, the reports API. `/pilotage`
 * itself only redirects to the actor's dashboard: it passes freely.
 */
export function isReportPath(path: string): boolean {
  return /^\/pilotage\/./.test(path) || /^\/api\/v1\/reports(\/|$)/.test(path);
}

export function createReportGate(limits: ReportGateLimits): ReportGate {
  let running = 0;
  const waiters: Array<{ admit: () => void; timer: ReturnType<typeof setTimeout> }> = [];
  const release = () => {
    const next = waiters.shift();
    if (next) {
      clearTimeout(next.timer);
      next.admit(); // the slot passes to the next in line
    } else running -= 1;
  };
  const once = () => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      release();
    };
  };
  return {
    get running() {
      return running;
    },
    get waiting() {
      return waiters.length;
    },
    enter() {
      if (running < limits.concurrency) {
        running += 1;
        return Promise.resolve(once());
      }
      if (waiters.length >= limits.queue) return Promise.resolve(null);
      return new Promise((resolve) => {
        const waiter = {
          admit: () => resolve(once()),
          timer: setTimeout(() => {
            waiters.splice(waiters.indexOf(waiter), 1);
            resolve(null);
          }, limits.maxWaitMs),
        };
        waiters.push(waiter);
      });
    },
  };
}
