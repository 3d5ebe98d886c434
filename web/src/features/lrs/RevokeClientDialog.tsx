import { Button, Code, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { LrsClient } from "../../api/lrs.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { useRevokeLrsClient } from "./queries.js";

/** Asks before revoking a client's credentials; the statements it sent stay. */
export function RevokeClientDialog({
  client,
  onClose,
}: {
  client: LrsClient | null;
  onClose: () => void;
}) {
  const revoke = useRevokeLrsClient();
  // The dialog keeps showing the client while it fades out after `client` went back to null.
  const [shown, setShown] = useState(client);
  if (client && client !== shown) setShown(client);

  function close() {
    revoke.reset();
    onClose();
  }

  function confirm() {
    if (!shown) return;
    revoke.mutate(shown.id, {
      onSuccess: () => {
        notifications.show({
          color: "teal",
          title: "Client revoked",
          message: `${shown.name} can no longer reach the LRS.`,
        });
        close();
      },
    });
  }

  return (
    <Modal
      opened={client !== null}
      onClose={close}
      title={<Text fw={650}>Revoke “{shown?.name}”?</Text>}
      size="md"
    >
      <Stack gap="md" data-testid="revoke-client-dialog">
        <Text size="sm">
          Once revoked, requests with the key <Code>{shown?.key}</Code> are refused: this LMS can
          neither send nor read statements. The statements it already sent stay, and so does the
          progress they recorded.
        </Text>
        <Text size="sm">
          This cannot be undone: to reconnect the LMS, create a new client and enter its
          credentials.
        </Text>
        {revoke.isError && <ErrorAlert title="The client was not revoked" error={revoke.error} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-autofocus>
            Keep the client
          </Button>
          <Button
            color="red"
            onClick={confirm}
            loading={revoke.isPending}
            data-testid="confirm-revoke-client"
          >
            Revoke client
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
