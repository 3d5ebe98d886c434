import { Badge } from "@mantine/core";
import { IconRepeat } from "@tabler/icons-react";
import type { OutboxState } from "../../api/communications.js";
import { formatCount } from "../../components/format.js";
import { stateLabel, stateLooks } from "./labels.js";

/** Where a message stands: scheduled, sending, sent, failed or cancelled. */
export function MessageStateBadge({ state }: { state: string }) {
  return (
    <Badge
      variant="light"
      color={stateLooks[state as OutboxState]?.color ?? "gray"}
      miw="max-content"
      data-testid="message-state"
      data-state={state}
    >
      {stateLabel(state)}
    </Badge>
  );
}

/**
 * A message sent again after an interrupted send: the recipient may have it twice (with the same
 * Message-ID, so most mail programs show it once).
 */
export function ResentBadge({ resends }: { resends: number }) {
  if (resends === 0) return null;
  return (
    <Badge
      variant="outline"
      color="orange"
      size="sm"
      miw="max-content"
      leftSection={<IconRepeat size={12} aria-hidden />}
      title="Sent again after an interrupted send: the recipient may have received it twice"
      data-testid="message-resent"
    >
      Resent {formatCount(resends, "time", "times")}
    </Badge>
  );
}

/** A template shipped with Cascade: editable, not deletable. */
export function BuiltInBadge() {
  return (
    <Badge
      variant="light"
      color="grape"
      size="sm"
      miw="max-content"
      title="Shipped with Cascade; you can edit it"
      data-testid="template-built-in"
    >
      Built-in
    </Badge>
  );
}

export function LocaleBadge({ locale, problem = false }: { locale: string; problem?: boolean }) {
  return (
    <Badge
      variant={problem ? "filled" : "outline"}
      color={problem ? "red" : "gray"}
      size="sm"
      tt="none"
      miw="max-content"
      data-testid="template-locale"
    >
      {locale}
    </Badge>
  );
}
