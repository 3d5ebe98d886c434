import { Button, Group, Modal, Stack, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { FormEvent } from "react";
import type { Program } from "../../api/programs.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { useUpdateProgram } from "./queries.js";

/** Renames a program or changes its description; its versions and modules stay as they are. */
export function EditProgramModal({
  program,
  opened,
  onClose,
}: {
  program: Program;
  opened: boolean;
  onClose: () => void;
}) {
  const isPhone = useIsPhone();
  return (
    <Modal opened={opened} onClose={onClose} title="Edit program" size="lg" fullScreen={isPhone}>
      {opened && <EditProgramForm program={program} onDone={onClose} />}
    </Modal>
  );
}

function EditProgramForm({ program, onDone }: { program: Program; onDone: () => void }) {
  const [name, setName] = useState(program.name);
  const [description, setDescription] = useState(program.description);
  const [nameError, setNameError] = useState<string | null>(null);
  const update = useUpdateProgram(program.id);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim() === "") {
      setNameError("Give the program a name.");
      return;
    }
    update.mutate(
      { name: name.trim(), description: description.trim() },
      {
        onSuccess: (saved) => {
          notifications.show({ color: "teal", title: "Program saved", message: saved.name });
          onDone();
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate data-testid="edit-program-form">
      <Stack gap="md">
        <TextInput
          label="Name"
          required
          data-autofocus
          maxLength={200}
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            setNameError(null);
          }}
          error={nameError}
          data-testid="edit-program-name"
        />
        <Textarea
          label="Description"
          description="What people learn and why, in a sentence or two."
          autosize
          minRows={2}
          maxRows={6}
          maxLength={5000}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          data-testid="edit-program-description"
        />
        {update.isError && <ErrorAlert title="The program was not saved" error={update.error} />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending} data-testid="save-program">
            Save program
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
