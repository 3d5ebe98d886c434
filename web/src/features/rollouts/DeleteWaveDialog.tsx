import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Rollout, Wave } from "../../api/rollouts.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatDate } from "../../components/format.js";
import { useDeleteWave } from "./queries.js";

/** Asks before deleting a planned wave; only a wave that was never launched can go. */
export function DeleteWaveDialog({
  wave,
  opened,
  onClose,
  onDeleted,
}: {
  wave: Wave;
  opened: boolean;
  onClose: () => void;
  onDeleted: (rollout: Rollout) => void;
}) {
  const remove = useDeleteWave();

  function close() {
    remove.reset();
    onClose();
  }

  function confirm() {
    remove.mutate(wave.id, {
      onSuccess: (rollout) => {
        notifications.show({ color: "teal", title: "Wave deleted", message: wave.name });
        onDeleted(rollout);
      },
    });
  }

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={<Text fw={650}>Delete “{wave.name}”?</Text>}
      size="md"
    >
      <Stack gap="md" data-testid="delete-wave-dialog">
        <Text size="sm">
          The wave was planned to launch on {formatDate(wave.launchDate)}. It has not been launched,
          so no one has been assigned; deleting it removes it from the plan for good.
        </Text>
        {remove.isError && <ErrorAlert title="The wave was not deleted" error={remove.error} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-autofocus>
            Keep the wave
          </Button>
          <Button
            color="red"
            onClick={confirm}
            loading={remove.isPending}
            data-testid="confirm-delete-wave"
          >
            Delete wave
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
