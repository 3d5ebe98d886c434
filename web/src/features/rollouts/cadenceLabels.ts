import type {
  Cadence,
  CadencePolicy,
  CadenceRule,
  MessageCondition,
  MessagePurpose,
  OutboxState,
  RecipientRole,
  RuleAnchor,
} from "../../api/communications.js";
import type { Wave } from "../../api/rollouts.js";
import { formatCount } from "../../components/format.js";
import { dayNumber, policyDueDate } from "./dates.js";

/** Words for the communications vocabulary, so the cadence and the calendar say the same. */

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

export const recipientLabels: Record<RecipientRole, string> = {
  learner: "Learners",
  manager: "Their managers",
  manager_of_manager: "Their managers' managers",
  channel: "A team channel",
};
export const recipientRoles = Object.keys(recipientLabels) as RecipientRole[];

export const conditionLabels: Record<MessageCondition, string> = {
  any: "Everyone",
  not_started: "Not started yet",
  not_completed: "Not completed yet",
  overdue: "Overdue",
  completed: "Completed",
};
export const messageConditions = Object.keys(conditionLabels) as MessageCondition[];

export const anchorLabels: Record<RuleAnchor, string> = {
  launch: "The launch",
  due: "The due date",
  completed: "Completion",
};

export const outboxStates: OutboxState[] = ["sent", "scheduled", "sending", "failed", "cancelled"];

export const outboxStateLooks: Record<OutboxState, { label: string; color: string }> = {
  sent: { label: "sent", color: "teal" },
  scheduled: { label: "scheduled", color: "blue" },
  sending: { label: "sending", color: "cyan" },
  failed: { label: "failed", color: "red" },
  cancelled: { label: "cancelled", color: "gray" },
};

/** Where a cadence comes from, in a sentence: "Cascade's default for mandatory waves". */
export function cadenceSourceText(cadence: Cadence): string {
  switch (cadence.source) {
    case "wave":
      return "This wave's own cadence";
    case "rollout":
      return "The rollout's cadence";
    case "default":
      return `Cascade's default for ${cadence.id === "default-self-directed" ? "self-directed" : "mandatory"} waves`;
  }
}

function timeWord(rule: Pick<CadenceRule, "at">): string {
  return `at ${rule.at}`;
}

const dayWord = (days: number) => formatCount(days, "day", "days");

/** "On launch day at 09:00", "3 days before the due date at 09:00", "When they complete". */
export function ruleTiming(
  rule: Pick<CadenceRule, "anchor" | "days" | "at" | "everyDays">,
): string {
  let when: string;
  switch (rule.anchor) {
    case "launch":
      when =
        rule.days === 0
          ? `On launch day ${timeWord(rule)}`
          : `${dayWord(rule.days)} after launch ${timeWord(rule)}`;
      break;
    case "due":
      when =
        rule.days === 0
          ? `On the due date ${timeWord(rule)}`
          : `${dayWord(Math.abs(rule.days))} ${rule.days < 0 ? "before" : "after"} the due date ${timeWord(rule)}`;
      break;
    case "completed":
      when =
        rule.days === 0
          ? "When they complete"
          : `${dayWord(rule.days)} after they complete, ${timeWord(rule)}`;
      break;
  }
  return rule.everyDays ? `${when}, then every ${dayWord(rule.everyDays)}` : when;
}

const conditionSuffix: Record<MessageCondition, string> = {
  any: "",
  not_started: " who have not started",
  not_completed: " who have not completed",
  overdue: " who are overdue",
  completed: " who completed",
};

/** "Learners who have not completed", "Managers of learners who are overdue", "A team channel". */
export function ruleRecipients(rule: Pick<CadenceRule, "to" | "condition">): string {
  const suffix = conditionSuffix[rule.condition];
  switch (rule.to) {
    case "learner":
      return `Learners${suffix}`;
    case "manager":
      return suffix ? `Managers of learners${suffix}` : "Managers of the learners";
    case "manager_of_manager":
      return suffix
        ? `Managers' managers of learners${suffix}`
        : "Managers' managers of the learners";
    case "channel":
      return "A team channel";
  }
}

/** "Email" or "Chat (Slack)". */
export function ruleChannel(rule: Pick<CadenceRule, "channel" | "webhook">): string {
  if (rule.channel === "email") return "Email";
  if (!rule.webhook) return "Chat (no webhook)";
  return `Chat (${rule.webhook.flavor === "teams" ? "Teams" : "Slack"})`;
}

/**
 * The whole rule in one line: "Launch message — learners — on launch day at 09:00 — email —
 * Launch template".
 */
export function ruleSentence(rule: CadenceRule, templateName: string | undefined): string {
  return [
    rule.name,
    ruleRecipients(rule).toLowerCase(),
    ruleTiming(rule).replace(/^./, (c) => c.toLowerCase()),
    ruleChannel(rule).toLowerCase(),
    `${templateName ?? rule.templateId} template`,
  ].join(" — ");
}

/** "Quiet 20:00–08:00 · working days only · at most 1 a day and 3 a week per learner". */
export function policySentence(policy: CadencePolicy): string {
  return [
    `Quiet hours ${policy.quietFrom}–${policy.quietUntil} in each recipient's time zone`,
    policy.workingDaysOnly ? "working days only" : "any day of the week",
    `at most ${formatCount(policy.maxPerDay, "message", "messages")} a day and ${policy.maxPerWeek} a week per learner`,
  ].join(" · ");
}

/** Days from launch to the default due date of a wave, for putting rules in time order. */
export function dueOffsetDays(wave: Pick<Wave, "deadline" | "launchDate"> | undefined): number {
  if (!wave) return 30;
  return dayNumber(policyDueDate(wave.deadline, wave.launchDate)) - dayNumber(wave.launchDate);
}

/** When a rule goes, in days after launch (completion rules last), for sorting. */
function ruleOffset(rule: CadenceRule, dueOffset: number): number {
  switch (rule.anchor) {
    case "launch":
      return rule.days;
    case "due":
      return dueOffset + rule.days;
    case "completed":
      return 100_000 + rule.days;
  }
}

/** The rules in the order their first messages go, for a wave due `dueOffset` days after launch. */
export function rulesInTimeOrder<T extends CadenceRule>(rules: T[], dueOffset: number): T[] {
  return rules
    .map((rule, index) => ({ rule, index }))
    .sort(
      (a, b) =>
        ruleOffset(a.rule, dueOffset) - ruleOffset(b.rule, dueOffset) ||
        a.rule.at.localeCompare(b.rule.at) ||
        a.index - b.index,
    )
    .map((entry) => entry.rule);
}
