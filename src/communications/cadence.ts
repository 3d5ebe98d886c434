import { createHash } from "node:crypto";
import { z } from "zod";
import { messagePurposes } from "./message-template.js";
import { defaultSendPolicy } from "./send-window.js";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time such as 09:00");

/** Who receives a rule's messages. */
export const recipientRoles = ["learner", "manager", "manager_of_manager", "channel"] as const;
export type RecipientRole = (typeof recipientRoles)[number];

/** Which learners a rule's messages are for, checked again just before each one is sent. */
export const messageConditions = [
  "any",
  "not_started",
  "not_completed",
  "overdue",
  "completed",
] as const;
export type MessageCondition = (typeof messageConditions)[number];

/** What a rule's timing counts from. */
export const ruleAnchors = ["launch", "due", "completed"] as const;
export type RuleAnchor = (typeof ruleAnchors)[number];

export const cadenceRuleSchema = z
  .object({
    /** Short id, unique in the cadence: letters, digits and dashes. */
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "must be lower-case letters, digits and dashes"),
    name: z.string().trim().min(1).max(120),
    purpose: z.enum(messagePurposes),
    templateId: z.string().min(1).max(100),
    /** Days after (or, negative, before) the anchor, at a local time of day. */
    anchor: z.enum(ruleAnchors),
    days: z.number().int().min(-90).max(365),
    at: hhmm.default("09:00"),
    /** Repeat every N days (digests), until the wave's last due date plus a week. */
    everyDays: z.number().int().min(1).max(90).nullable().default(null),
    to: z.enum(recipientRoles),
    condition: z.enum(messageConditions).default("any"),
    channel: z.enum(["email", "chat"]).default("email"),
    /** For chat: the incoming webhook of the team channel. */
    webhook: z
      .object({ url: z.url(), flavor: z.enum(["slack", "teams"]) })
      .nullable()
      .default(null),
  })
  .superRefine((rule, ctx) => {
    if (rule.channel === "chat" && !rule.webhook)
      ctx.addIssue({ code: "custom", path: ["webhook"], message: "a chat rule needs a webhook" });
    if (rule.channel === "chat" && rule.to !== "channel")
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: "a chat webhook posts to a team channel, not to each person; choose e-mail",
      });
    if (rule.to === "channel" && rule.channel !== "chat")
      ctx.addIssue({
        code: "custom",
        path: ["channel"],
        message: "messages to a team channel go through chat",
      });
    if (rule.everyDays !== null && rule.to !== "manager")
      ctx.addIssue({
        code: "custom",
        path: ["everyDays"],
        message: "only manager digests repeat; other messages go once per person",
      });
    if (rule.anchor === "completed" && rule.condition !== "completed" && rule.condition !== "any")
      ctx.addIssue({
        code: "custom",
        path: ["condition"],
        message: "a rule counted from completion can only be for people who completed",
      });
    if (rule.to === "channel" && rule.anchor !== "launch")
      ctx.addIssue({
        code: "custom",
        path: ["anchor"],
        message: "a team channel message is counted from the launch",
      });
  })
  // A rule counted from completion is for the people who completed, whatever it says.
  .transform((rule) =>
    rule.anchor === "completed" ? { ...rule, condition: "completed" as const } : rule,
  );
export type CadenceRule = z.infer<typeof cadenceRuleSchema>;

export const sendPolicySchema = z.object({
  quietFrom: hhmm.default(defaultSendPolicy.quietFrom),
  quietUntil: hhmm.default(defaultSendPolicy.quietUntil),
  workingDaysOnly: z.boolean().default(defaultSendPolicy.workingDaysOnly),
  /** Messages a learner gets per local day, at most (reminders wait for the next day). */
  maxPerDay: z.number().int().min(1).max(20).default(1),
  /** Messages a learner gets per 7 days, at most. */
  maxPerWeek: z.number().int().min(1).max(50).default(3),
});
export type CadencePolicy = z.infer<typeof sendPolicySchema>;

export const cadenceInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  rules: z
    .array(cadenceRuleSchema)
    .max(50)
    .superRefine((rules, ctx) => {
      const seen = new Set<string>();
      rules.forEach((r, i) => {
        if (seen.has(r.id))
          ctx.addIssue({ code: "custom", path: [i, "id"], message: `rule id "${r.id}" repeats` });
        seen.add(r.id);
      });
    }),
  policy: sendPolicySchema.default(sendPolicySchema.parse({})),
});
export type CadenceInput = z.infer<typeof cadenceInputSchema>;

/**
 * A rule revision: the cadence, the rule and a hash of what it says. Editing a rule's timing,
 * recipients or template (or switching cadence) gives a new revision, whose planning replaces the
 * old revision's unsent messages. Messages are deduplicated by rule id and recipient, not by
 * revision, so what was already sent under any revision is never sent again.
 */
export function ruleKey(cadenceId: string, rule: CadenceRule): string {
  const hash = createHash("sha256")
    .update(
      JSON.stringify([
        rule.purpose,
        rule.templateId,
        rule.anchor,
        rule.days,
        rule.at,
        rule.everyDays,
        rule.to,
        rule.condition,
        rule.channel,
        rule.webhook,
      ]),
    )
    .digest("hex")
    .slice(0, 10);
  return `${cadenceId}:${rule.id}:${hash}`;
}

const r = (rule: z.input<typeof cadenceRuleSchema>): CadenceRule => cadenceRuleSchema.parse(rule);

/** The cadence a mandatory wave starts with: brief, launch, nudge, warn, chase, escalate, thank. */
export function defaultMandatoryCadence(): CadenceInput {
  return {
    name: "Mandatory training",
    policy: sendPolicySchema.parse({}),
    rules: [
      r({
        id: "brief-managers",
        name: "Brief managers",
        purpose: "manager_briefing",
        templateId: "default-manager-briefing",
        anchor: "launch",
        days: 0,
        to: "manager",
      }),
      r({
        id: "launch",
        name: "Launch message",
        purpose: "launch",
        templateId: "default-launch",
        anchor: "launch",
        days: 0,
        to: "learner",
      }),
      r({
        id: "nudge",
        name: "Nudge people who have not started",
        purpose: "reminder",
        templateId: "default-reminder",
        anchor: "launch",
        days: 7,
        to: "learner",
        condition: "not_started",
      }),
      r({
        id: "due-soon",
        name: "Deadline in three days",
        purpose: "deadline_approaching",
        templateId: "default-deadline-approaching",
        anchor: "due",
        days: -3,
        to: "learner",
        condition: "not_completed",
      }),
      r({
        id: "overdue",
        name: "Overdue the day after",
        purpose: "overdue",
        templateId: "default-overdue",
        anchor: "due",
        days: 1,
        to: "learner",
        condition: "overdue",
      }),
      r({
        id: "digest",
        name: "Weekly manager digest",
        purpose: "manager_digest",
        templateId: "default-manager-digest",
        anchor: "launch",
        days: 7,
        everyDays: 7,
        to: "manager",
        condition: "not_completed",
      }),
      r({
        id: "escalate",
        name: "Escalate to the manager's manager",
        purpose: "escalation",
        templateId: "default-escalation",
        anchor: "due",
        days: 7,
        to: "manager_of_manager",
        condition: "overdue",
      }),
      r({
        id: "thanks",
        name: "Thank people who complete",
        purpose: "completion",
        templateId: "default-completion",
        anchor: "completed",
        days: 0,
        to: "learner",
        condition: "completed",
      }),
    ],
  };
}

/** The gentler cadence of a self-directed wave: launch, one reminder, a nudge before the end. */
export function defaultSelfDirectedCadence(): CadenceInput {
  return {
    name: "Self-directed training",
    policy: sendPolicySchema.parse({ maxPerWeek: 2 }),
    rules: [
      r({
        id: "launch",
        name: "Launch message",
        purpose: "launch",
        templateId: "default-launch",
        anchor: "launch",
        days: 0,
        to: "learner",
      }),
      r({
        id: "nudge",
        name: "Reminder after two weeks",
        purpose: "reminder",
        templateId: "default-reminder",
        anchor: "launch",
        days: 14,
        to: "learner",
        condition: "not_started",
      }),
      r({
        id: "due-soon",
        name: "A week before the end",
        purpose: "deadline_approaching",
        templateId: "default-deadline-approaching",
        anchor: "due",
        days: -7,
        to: "learner",
        condition: "not_completed",
      }),
    ],
  };
}
