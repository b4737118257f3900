/**
 * The status of a saisine is computed from its typed messages, never stored apart (a stored
 * status drifts). One pure fold over the thread, in order.
 */
export const MESSAGE_TYPES = [
  "question",
  "reponse",
  "demande_complement",
  "prise_en_charge",
  "mauvais_interlocuteur",
  "resolution_proposee",
  "cloture",
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];
/** "systeme": the retention job closing a long-inactive saisine. */
export type MessageSide = "agent" | "referent" | "systeme";

export const USEFULNESS = ["utile", "ne_sait_pas", "pas_utile"] as const;
export type Usefulness = (typeof USEFULNESS)[number];

/** Which side may post which type ("reopen" is any message after a closure). */
export const AGENT_MESSAGE_TYPES: readonly MessageType[] = ["question", "reponse", "cloture"];
export const REFERENT_MESSAGE_TYPES: readonly MessageType[] = [
  "reponse",
  "demande_complement",
  "prise_en_charge",
  "mauvais_interlocuteur",
  "resolution_proposee",
];

export const SAISINE_STATUSES = [
  "nouvelle",
  "prise_en_charge",
  "complement_demande",
  "repondue",
  "resolution_proposee",
  "close",
] as const;
export type SaisineStatus = (typeof SAISINE_STATUSES)[number];

export type ThreadMessage = {
  side: MessageSide;
  type: MessageType;
  at: Date;
  targetGroupId?: string | null;
  usefulness?: Usefulness | null;
};

export type SaisineState = {
  status: SaisineStatus;
  /** Whose turn it is: the group (referent), the agent, or nobody (closed). */
  awaiting: "referent" | "agent" | null;
  /** The group the saisine is addressed to now (after re-routings). */
  groupId: string;
  /** First message of the group other than a re-routing. */
  firstAnsweredAt: Date | null;
  /** The last closure, when closed now. */
  closedAt: Date | null;
  usefulness: Usefulness | null;
  reroutes: number;
  reopenings: number;
  /** Whether the current group has taken the saisine ("je m'en occupe" or any answer). */
  taken: boolean;
};

export function canPost(side: MessageSide, type: MessageType): boolean {
  if (side === "systeme") return type === "cloture";
  return (side === "agent" ? AGENT_MESSAGE_TYPES : REFERENT_MESSAGE_TYPES).includes(type);
}

/** Folds the thread (sorted by time) from the group first addressed. */
export function saisineState(initialGroupId: string, messages: readonly ThreadMessage[]): SaisineState {
  const state: SaisineState = {
    status: "nouvelle",
    awaiting: "referent",
    groupId: initialGroupId,
    firstAnsweredAt: null,
    closedAt: null,
    usefulness: null,
    reroutes: 0,
    reopenings: 0,
    taken: false,
  };
  for (const message of messages) {
    if (state.status === "close" && message.type !== "cloture") {
      state.reopenings += 1;
      state.closedAt = null;
      state.usefulness = null;
    }
    if (message.side === "agent" || message.side === "systeme") applyAgent(state, message);
    else applyReferent(state, message);
  }
  return state;
}

function applyAgent(state: SaisineState, message: ThreadMessage): void {
  if (message.type === "cloture") {
    if (state.status === "close") return;
    state.status = "close";
    state.awaiting = null;
    state.closedAt = message.at;
    state.usefulness = message.usefulness ?? null;
    return;
  }
  // A question or a reply from the agent hands the saisine back to the group.
  state.status = state.taken ? "prise_en_charge" : "nouvelle";
  state.awaiting = "referent";
}

function applyReferent(state: SaisineState, message: ThreadMessage): void {
  if (message.type === "mauvais_interlocuteur") {
    state.reroutes += 1;
    state.groupId = message.targetGroupId ?? state.groupId;
    state.taken = false;
    state.status = "nouvelle";
    state.awaiting = "referent";
    return;
  }
  state.firstAnsweredAt ??= message.at;
  state.taken = true;
  switch (message.type) {
    case "prise_en_charge":
      state.status = "prise_en_charge";
      state.awaiting = "referent";
      return;
    case "demande_complement":
      state.status = "complement_demande";
      state.awaiting = "agent";
      return;
    case "resolution_proposee":
      state.status = "resolution_proposee";
      state.awaiting = "agent";
      return;
    default:
      state.status = "repondue";
      state.awaiting = "agent";
  }
}

export const STATUS_LABELS: Record<SaisineStatus, string> = {
  nouvelle: "Nouvelle",
  prise_en_charge: "Prise en charge",
  complement_demande: "Complément demandé",
  repondue: "Réponse reçue",
  resolution_proposee: "Résolution proposée",
  close: "Close",
};

export const MESSAGE_TYPE_LABELS: Record<MessageType, string> = {
  question: "Question",
  reponse: "Réponse",
  demande_complement: "Demande de complément",
  prise_en_charge: "Je m’en occupe",
  mauvais_interlocuteur: "Pas le bon interlocuteur",
  resolution_proposee: "Résolution proposée",
  cloture: "Clôture",
};

export const USEFULNESS_LABELS: Record<Usefulness, string> = {
  utile: "Utile",
  ne_sait_pas: "Je ne sais pas",
  pas_utile: "Pas utile",
};

export const URGENCES = ["urgence", "blocage_administratif", "standard"] as const;
export type Urgence = (typeof URGENCES)[number];
export const URGENCE_LABELS: Record<Urgence, string> = {
  urgence: "Urgence",
  blocage_administratif: "Blocage administratif",
  standard: "Standard",
};
