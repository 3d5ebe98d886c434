import type {
  Channel,
  MessageCondition,
  MessagePurpose,
  OutboxState,
  RecipientRole,
  Suppression,
  VariableKind,
} from "../../api/communications.js";

/** Words and colours for the communications vocabulary, in one place so every screen says the same. */

export const purposeLabels: Record<MessagePurpose, string> = {
  announcement: "Announcement",
  launch: "Launch",
  session_invitation: "Session invitation",
  reminder: "Reminder",
  deadline_approaching: "Deadline approaching",
  overdue: "Overdue",
  manager_briefing: "Manager briefing",
  manager_digest: "Manager digest",
  escalation: "Escalation",
  completion: "Completion",
};
export const messagePurposes = Object.keys(purposeLabels) as MessagePurpose[];

export const outboxStates: OutboxState[] = ["scheduled", "sending", "sent", "failed", "cancelled"];

export const stateLooks: Record<OutboxState, { label: string; color: string }> = {
  scheduled: { label: "Scheduled", color: "blue" },
  sending: { label: "Sending", color: "cyan" },
  sent: { label: "Sent", color: "teal" },
  failed: { label: "Failed", color: "red" },
  cancelled: { label: "Cancelled", color: "gray" },
};

/** A state word from the server, including ones this screen does not know yet. */
export function stateLabel(state: string): string {
  return stateLooks[state as OutboxState]?.label ?? state;
}

export const channelLabels: Record<Channel, string> = { email: "E-mail", chat: "Team chat" };
export const channels = Object.keys(channelLabels) as Channel[];

export const recipientRoleLabels: Record<RecipientRole | "operator", string> = {
  learner: "Learner",
  manager: "Manager",
  manager_of_manager: "Manager's manager",
  channel: "Team channel",
  operator: "Test to operator",
};

export const conditionLabels: Record<MessageCondition, string> = {
  any: "Everyone",
  not_started: "Only if not started yet",
  not_completed: "Only if not completed yet",
  overdue: "Only if overdue",
  completed: "Only if completed",
};

export const transportLabels: Record<string, string> = {
  smtp: "SMTP",
  local: "Local outbox",
  webhook: "Webhook",
};

export const suppressionReasonLabels: Record<Suppression["reason"], string> = {
  hard_bounce: "Hard bounce",
  manual: "Added by hand",
};

export const variableKindLabels: Record<VariableKind, string> = {
  text: "text",
  number: "number",
  date: "date",
  link: "link",
};

const pluralWords: Record<string, [string, string]> = {
  daysLeft: ["day", "days"],
  teamSize: ["person", "people"],
  score: ["point", "points"],
};

/**
 * How to write a variable of this kind in a template, the usual way first: {firstName},
 * {dueDate, date, long}, {daysLeft, plural, one {# day} other {# days}}.
 */
export function variableExamples(name: string, kind: VariableKind): string[] {
  switch (kind) {
    case "date":
      return [`{${name}, date, long}`, `{${name}, time, short}`];
    case "number": {
      const [one, other] = pluralWords[name] ?? ["person", "people"];
      return [`{${name}, plural, one {# ${one}} other {# ${other}}}`, `{${name}, number}`];
    }
    case "text":
    case "link":
      return [`{${name}}`];
  }
}

/** BCP 47 as the server takes it: a language and optional subtags, e.g. en, fr-CA, zh-Hant-HK. */
export const localePattern = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** The language's name in English when the browser knows it: "fr-CA" → "French (Canada)". */
export function localeName(locale: string): string | null {
  try {
    const name = new Intl.DisplayNames(["en"], { type: "language" }).of(locale);
    return name && name !== locale ? name : null;
  } catch {
    return null;
  }
}
