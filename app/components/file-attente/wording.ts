/** How a called person is named on the screen: their first name, or their ticket. */
export function calledName(entry: { ticket: number; prenom: string | null }): string {
  return entry.prenom ?? `Ticket ${entry.ticket}`;
}

export function peopleWaiting(count: number): string {
  if (count === 0) return "Personne en attente";
  return count === 1 ? "1 personne en attente" : `${count} personnes en attente`;
}
