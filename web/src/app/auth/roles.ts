import type { Role } from "../../api/types.js";

const roleLabels: Record<Role, string> = {
  admin: "Administrator",
  program_owner: "Program owner",
  regional_lead: "Regional lead",
  manager: "Manager",
  auditor: "Auditor",
  learner: "Learner",
};

export function roleLabel(role: Role): string {
  return roleLabels[role] ?? role;
}
