import { Alert, Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState } from "react";
import type { FormEvent } from "react";
import type { Wave, WaveAction } from "../../api/rollouts.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount } from "../../components/format.js";
import { useChangeWaveStatus } from "./queries.js";

const texts: Record<
  WaveAction,
  { title: string; button: string; color: string; done: string; explain: string }
> = {
  pause: {
    title: "Pause",
    button: "Pause wave",
    color: "yellow",
    done: "Wave paused",
    explain:
      "While paused, directory changes do not change this wave's assignments and nothing becomes overdue.",
  },
  resume: {
    title: "Resume",
    button: "Resume wave",
    color: "teal",
    done: "Wave resumed",
    explain: "The wave catches up with the directory: joiners are assigned, leavers withdrawn.",
  },
  rollback: {
    title: "Roll back",
    button: "Roll back wave",
    color: "red",
    done: "Wave rolled back",
    explain: "",
  },
};

/** Open assignments: those a rollback withdraws. */
function openCount(wave: Wave): number {
  const { assigned = 0, notified = 0, started = 0, overdue = 0 } = wave.counts;
  return assigned + notified + started + overdue;
}

/** Asks why before pausing, resuming or rolling back a wave; a rollback says what it withdraws. */
export function WaveStatusDialog({
  action,
  wave,
  onClose,
}: {
  action: WaveAction | null;
  wave: Wave;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={action !== null}
      onClose={onClose}
      title={<Text fw={650}>{action ? `${texts[action].title} “${wave.name}”` : ""}</Text>}
      data-testid="wave-status-dialog"
    >
      {action && <StatusForm key={action} action={action} wave={wave} onClose={onClose} />}
    </Modal>
  );
}

function StatusForm({
  action,
  wave,
  onClose,
}: {
  action: WaveAction;
  wave: Wave;
  onClose: () => void;
}) {
  const change = useChangeWaveStatus(wave.id);
  const [reason, setReason] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const text = texts[action];
  const tooShort = reason.trim().length < 3;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (tooShort) return;
    change.mutate(
      { action, reason: reason.trim() },
      {
        onSuccess: (result) => {
          notifications.show({
            color: text.color,
            title: text.done,
            message:
              action === "rollback"
                ? `${formatCount(result.withdrawn, "open assignment was", "open assignments were")} withdrawn.`
                : `“${wave.name}” is ${result.status === "paused" ? "paused" : "live again"}.`,
          });
          onClose();
        },
      },
    );
  }

  const open = openCount(wave);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {action === "rollback" ? (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={18} aria-hidden />}
            title="This withdraws open assignments"
            data-testid="rollback-warning"
          >
            Rolling back withdraws {formatCount(open, "open assignment", "open assignments")} of
            this wave. Completed and exempt assignments, and all history, stay. A rolled-back wave
            cannot be launched again.
          </Alert>
        ) : (
          <Text size="sm">{text.explain}</Text>
        )}
        <Textarea
          label="Reason"
          description="Recorded in the wave's history."
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={submitted && tooShort ? "Say why, in a few words." : null}
          autosize
          minRows={2}
          required
          data-autofocus
          data-testid="wave-status-reason"
        />
        {change.isError && <ErrorAlert title={`${text.title} failed`} error={change.error} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            color={text.color}
            loading={change.isPending}
            data-testid="confirm-wave-status"
          >
            {text.button}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
