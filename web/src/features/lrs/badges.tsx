import { Badge } from "@mantine/core";
import type { LrsAccess, LrsClient } from "../../api/lrs.js";

/** What each kind of access lets a client do, in the words the screens use. */
export const accessLooks: Record<LrsAccess, { label: string; color: string; description: string }> =
  {
    read_write: {
      label: "Read and write",
      color: "indigo",
      description:
        "Sends statements and reads them back. Most LMSes and course packages need this.",
    },
    write: {
      label: "Write only",
      color: "teal",
      description: "Sends statements but cannot read anyone's records.",
    },
    read: {
      label: "Read only",
      color: "grape",
      description: "Reads statements, e.g. for a reporting tool; cannot record anything.",
    },
  };

export const accessOrder: LrsAccess[] = ["read_write", "write", "read"];

export function AccessBadge({ access }: { access: LrsAccess }) {
  const look = accessLooks[access] ?? { label: access, color: "gray" };
  return (
    <Badge color={look.color} variant="light" miw="max-content" data-testid="client-access">
      {look.label}
    </Badge>
  );
}

export function ClientStatusBadge({ client }: { client: LrsClient }) {
  return client.revokedAt ? (
    <Badge color="gray" variant="outline" miw="max-content" data-testid="client-status">
      Revoked
    </Badge>
  ) : (
    <Badge color="teal" variant="light" miw="max-content" data-testid="client-status">
      Active
    </Badge>
  );
}

export function VoidedBadge() {
  return (
    <Badge color="red" variant="outline" size="xs" miw="max-content" data-testid="voided-badge">
      Voided
    </Badge>
  );
}
