import { Badge } from "@mantine/core";
import type { PersonStatus } from "../api/types.js";

export function StatusBadge({ status }: { status: PersonStatus }) {
  return status === "active" ? (
    <Badge color="teal" variant="light" data-testid="status-badge" style={{ flex: "none", overflow: "visible" }}>
      Active
    </Badge>
  ) : (
    <Badge color="gray" variant="light" data-testid="status-badge" style={{ flex: "none", overflow: "visible" }}>
      Leaver
    </Badge>
  );
}
