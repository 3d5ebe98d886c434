import { Alert, Code, Text } from "@mantine/core";
import { IconInbox } from "@tabler/icons-react";
import { useCommunicationsStatus } from "./queries.js";

/**
 * Says so when no mail server is configured: e-mails are then kept in the local outbox (and shown
 * in the log) rather than sent, which matters before anyone expects their people to get them.
 */
export function TransportBanner() {
  const status = useCommunicationsStatus();
  if (status.data?.transport !== "local") return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconInbox size={18} aria-hidden />}
      title="E-mails are not being sent"
      mb="md"
      data-testid="local-transport-banner"
    >
      <Text size="sm">
        No mail server is configured: e-mails are kept here in the local outbox instead of being
        sent.
      </Text>
      <Text size="sm" mt={4} style={{ overflowWrap: "anywhere" }}>
        They would come from <Code data-testid="mail-from">{status.data.from}</Code>. Set{" "}
        <Code>SMTP_URL</Code> to send them.
      </Text>
    </Alert>
  );
}
