/** "45 s", "4 min 05 s", "1 h 02 min": a duration in seconds, for agents and for the screen. */
export function formatSeconds(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total} s`;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, "0")} min`;
  return `${minutes} min ${String(total % 60).padStart(2, "0")} s`;
}

/** A wait so far, rounded to the minute: "moins d’une minute", "12 min", "1 h 05 min". */
export function formatWaitSoFar(seconds: number): string {
  if (seconds < 60) return "moins d’une minute";
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** How a called person is named on the screen: their first name, or their ticket. */
export function calledName(entry: { ticket: number; prenom: string | null }): string {
  return entry.prenom ?? `Ticket ${entry.ticket}`;
}

export function peopleWaiting(count: number): string {
  if (count === 0) return "Personne en attente";
  return count === 1 ? "1 personne en attente" : `${count} personnes en attente`;
}
