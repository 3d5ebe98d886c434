import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { Suppression } from "../../api/communications.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { useUnsuppress } from "./queries.js";

/** Asks before allowing e-mail to a suppressed address again. */
export function RemoveSuppressionDialog({
  suppression,
  onClose,
}: {
  suppression: Suppression | null;
  onClose: () => void;
}) {
  const unsuppress = useUnsuppress();
  // The dialog keeps showing the address while it fades out after `suppression` went back to null.
  const [shown, setShown] = useState(suppression);
  if (suppression && suppression !== shown) setShown(suppression);

  function close() {
    unsuppress.reset();
    onClose();
  }

  function confirm() {
    if (!shown) return;
    unsuppress.mutate(shown.address, {
      onSuccess: () => {
        notifications.show({
          color: "teal",
          title: "Address allowed again",
          message: `E-mail goes to ${shown.address} again.`,
        });
        close();
      },
    });
  }

  return (
    <Modal
      opened={suppression !== null}
      onClose={close}
      title={<Text fw={650}>Allow e-mail to {shown?.address} again?</Text>}
      size="md"
    >
      <Stack gap="md" data-testid="remove-suppression-dialog">
        <Text size="sm">
          Messages planned from now on are sent to this address again; those already cancelled stay
          cancelled.
        </Text>
        {shown?.reason === "hard_bounce" && (
          <Text size="sm">
            It bounced for good: make sure the mailbox exists again, or the next message will bounce
            too.
          </Text>
        )}
        {unsuppress.isError && (
          <ErrorAlert title="The address is still suppressed" error={unsuppress.error} />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-autofocus>
            Keep it suppressed
          </Button>
          <Button
            color="red"
            onClick={confirm}
            loading={unsuppress.isPending}
            data-testid="confirm-remove-suppression"
          >
            Allow e-mail
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
