import { AppError } from "../errors.js";

/** The roles a user can have. */
export const roles = [
  "admin",
  "program_owner",
  "regional_lead",
  "manager",
  "auditor",
  "learner",
] as const;
export type Role = (typeof roles)[number];

/** The closed set of permissions. Every route checks one before reading any data. */
export const permissions = [
  "people.read",
  "people.import",
  "users.read",
  "users.manage",
  "tokens.manage",
  "audiences.read",
  "audiences.manage",
  "programs.read",
  "programs.manage",
  "rollouts.read",
  "rollouts.manage",
  "rollouts.launch",
  "gates.decide",
  "gates.override",
  "assignments.read",
  "exceptions.manage",
  "blackouts.manage",
  "lrs.read",
  "lrs.manage",
  "completions.import",
] as const;
export type Permission = (typeof permissions)[number];

const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: permissions,
  program_owner: [
    "people.read",
    "tokens.manage",
    "audiences.read",
    "audiences.manage",
    "programs.read",
    "programs.manage",
    "rollouts.read",
    "rollouts.manage",
    "rollouts.launch",
    "gates.decide",
    "assignments.read",
    "exceptions.manage",
    "blackouts.manage",
    "lrs.read",
    "completions.import",
  ],
  // Regional leads see rollouts and their own people's assignments, grant exceptions to their own
  // people and keep their divisions' blackout periods.
  regional_lead: [
    "people.read",
    "tokens.manage",
    "audiences.read",
    "programs.read",
    "rollouts.read",
    "assignments.read",
    "exceptions.manage",
    "blackouts.manage",
  ],
  manager: ["people.read", "programs.read", "rollouts.read", "assignments.read"],
  auditor: [
    "people.read",
    "users.read",
    "audiences.read",
    "programs.read",
    "rollouts.read",
    "assignments.read",
    "lrs.read",
  ],
  learner: ["people.read", "assignments.read"],
};

/** The part of the organisation a user may see. */
export interface Scope {
  /** Regional leads: limited to these regions (empty: not limited by region). */
  regions: string[];
  /** Regional leads: limited to these divisions (empty: not limited by division). */
  divisions: string[];
  /** Managers and learners: their own external id in the directory. */
  personId: string | null;
}

/** Who is making a request: a signed-in user, an API token's user, or the system itself. */
export interface Actor {
  kind: "user" | "token" | "system";
  userId: string | null;
  email: string | null;
  name: string;
  role: Role;
  scope: Scope;
}

export const systemActor: Actor = {
  kind: "system",
  userId: null,
  email: null,
  name: "Cascade",
  role: "admin",
  scope: { regions: [], divisions: [], personId: null },
};

export function permissionsOf(role: Role): readonly Permission[] {
  return rolePermissions[role];
}

export function can(actor: Actor, permission: Permission): boolean {
  return rolePermissions[actor.role].includes(permission);
}

/** Throws `forbidden` unless the actor holds the permission. Call before reading any data. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new AppError("forbidden", `Your role (${actor.role}) does not allow ${permission}.`);
  }
}

/**
 * Which people an actor may see, as a description the repositories turn into SQL:
 * everyone, a region/division slice, a manager's subtree (them and everyone below), or one person.
 */
export type PeopleScope =
  | { kind: "all" }
  | { kind: "slice"; regions: string[]; divisions: string[] }
  | { kind: "subtree"; rootId: string }
  | { kind: "self"; personId: string }
  | { kind: "none" };

export function peopleScopeOf(actor: Actor): PeopleScope {
  switch (actor.role) {
    case "admin":
    case "program_owner":
    case "auditor":
      return { kind: "all" };
    case "regional_lead":
      if (actor.scope.regions.length === 0 && actor.scope.divisions.length === 0)
        return { kind: "none" };
      return { kind: "slice", regions: actor.scope.regions, divisions: actor.scope.divisions };
    case "manager":
      return actor.scope.personId
        ? { kind: "subtree", rootId: actor.scope.personId }
        : { kind: "none" };
    case "learner":
      return actor.scope.personId
        ? { kind: "self", personId: actor.scope.personId }
        : { kind: "none" };
  }
}
