import { Badge } from "@mantine/core";
import type { PersonStatus } from "../api/types.js";

export function StatusBadge({ status }: { status: PersonStatus }) {
  return status === "active" ? (
    <Badge color="teal" variant="light" data-testid="status-badge" miw="max-content">
      Active
    </Badge>
  ) : (
    <Badge color="gray" variant="light" data-testid="status-badge" miw="max-content">
      Leaver
    </Badge>
  );
}
