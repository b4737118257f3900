import type { SaisineState } from "./status";

const DAY = 24 * 3_600_000;

export type DeadlineView = {
  /** The deadline in force: first answer until the group answered, then resolution; none when closed. */
  dueAt: Date | null;
  kind: "premiere_reponse" | "resolution" | null;
  late: boolean;
  /** Due within 24 hours (and not late yet). */
  dueSoon: boolean;
};

/** Pure: which deadline applies now, and the badges of the lists. */
export function deadlineView(
  row: { firstAnswerDueAt: Date; resolutionDueAt: Date },
  state: SaisineState,
  now: Date,
): DeadlineView {
  if (state.status === "close") return { dueAt: null, kind: null, late: false, dueSoon: false };
  const firstPending = state.firstAnsweredAt === null;
  const dueAt = firstPending ? row.firstAnswerDueAt : row.resolutionDueAt;
  const late = now.getTime() > dueAt.getTime();
  return {
    dueAt,
    kind: firstPending ? "premiere_reponse" : "resolution",
    late,
    dueSoon: !late && dueAt.getTime() - now.getTime() <= DAY,
  };
}
