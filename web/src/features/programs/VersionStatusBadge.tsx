import { Badge } from "@mantine/core";
import type { VersionStatus } from "../../api/programs.js";

export function VersionStatusBadge({ status }: { status: VersionStatus }) {
  return status === "published" ? (
    <Badge color="teal" variant="light" miw="max-content" data-testid="version-status">
      Published
    </Badge>
  ) : (
    <Badge color="yellow" variant="light" miw="max-content" data-testid="version-status">
      Draft
    </Badge>
  );
}
