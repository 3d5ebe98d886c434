import { Badge } from "@mantine/core";
import type { ImportStatus } from "../../api/types.js";

const looks: Record<ImportStatus, { color: string; label: string }> = {
  previewed: { color: "blue", label: "Preview" },
  applied: { color: "teal", label: "Applied" },
  rejected: { color: "red", label: "Rejected" },
};

export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  const look = looks[status] ?? { color: "gray", label: status };
  return (
    <Badge color={look.color} variant="light" data-testid="import-status">
      {look.label}
    </Badge>
  );
}

export function importModeLabel(mode: "full" | "delta"): string {
  return mode === "full" ? "Full export" : "Changes only";
}
