import { Button, Group, Modal, Stack, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { FormEvent } from "react";
import { useNavigate } from "react-router";
import { errorMessage } from "../../api/client.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { versionPath } from "./paths.js";
import { useCreateProgram } from "./queries.js";

/** Names a new program; it starts with an empty draft version, opened next to add modules. */
export function NewProgramModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const create = useCreateProgram();
  const navigate = useNavigate();

  function close() {
    setName("");
    setDescription("");
    setNameError(null);
    create.reset();
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim() === "") {
      setNameError("Give the program a name.");
      return;
    }
    create.mutate(
      { name: name.trim(), description: description.trim(), modules: [] },
      {
        onSuccess: (program) => {
          notifications.show({
            color: "teal",
            title: "Program created",
            message: `${program.name} has a first draft version: add its modules, then publish.`,
          });
          const [first] = program.versions;
          close();
          void navigate(first ? versionPath(program.id, first.id) : `/programs/${program.id}`);
        },
        onError: (error) =>
          notifications.show({
            color: "red",
            title: "The program was not created",
            message: errorMessage(error),
          }),
      },
    );
  }

  return (
    <Modal opened={opened} onClose={close} title="New program" size="lg">
      <form onSubmit={submit} noValidate data-testid="new-program-form">
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
            data-testid="program-name"
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
            data-testid="program-description"
          />
          {create.isError && (
            <ErrorAlert title="The program was not created" error={create.error} />
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="create-program">
              Create program
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
