import { Alert, Button, Group, Modal, Radio, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState } from "react";
import type { FormEvent } from "react";
import type { LrsAccess, NewLrsClient } from "../../api/lrs.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { accessLooks, accessOrder } from "./badges.js";
import { CopyField } from "./CopyField.js";
import { useCreateLrsClient } from "./queries.js";

function isAccess(value: string): value is LrsAccess {
  return (accessOrder as string[]).includes(value);
}

/**
 * Issues credentials for an LMS: a name and an access level, then the endpoint, key, secret and
 * ready Authorization header, shown this once.
 */
export function NewClientModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const isPhone = useIsPhone();
  const [name, setName] = useState("");
  const [access, setAccess] = useState<LrsAccess>("read_write");
  const [nameError, setNameError] = useState<string | null>(null);
  const [created, setCreated] = useState<NewLrsClient | null>(null);
  const create = useCreateLrsClient();

  function close() {
    setName("");
    setAccess("read_write");
    setNameError(null);
    setCreated(null);
    create.reset();
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim() === "") {
      setNameError("Name the LMS or course package, e.g. “Moodle (production)”.");
      return;
    }
    create.mutate({ name: name.trim(), access }, { onSuccess: setCreated });
  }

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={
        <Text fw={650}>{created ? `Credentials for “${created.client.name}”` : "New client"}</Text>
      }
      size="lg"
      fullScreen={isPhone}
      // Once the secret is on screen, a stray click must not throw it away.
      closeOnClickOutside={created === null}
    >
      {created ? (
        <Stack gap="md" data-testid="client-credentials">
          <Alert
            color="yellow"
            variant="light"
            icon={<IconAlertTriangle size={18} aria-hidden />}
            title="Copy the secret now: it is shown only once"
            data-testid="secret-warning"
          >
            Cascade keeps only a fingerprint of the secret. Once this window is closed no one can
            see it again; if it is lost, revoke this client and create a new one.
          </Alert>
          <CopyField label="Endpoint" value={created.endpoint} testId="credential-endpoint" />
          <CopyField
            label="Key"
            description="The user name for HTTP Basic authentication."
            value={created.client.key}
            testId="credential-key"
          />
          <CopyField
            label="Secret"
            description="The password for HTTP Basic authentication."
            value={created.secret}
            autoFocus
            testId="credential-secret"
          />
          <CopyField
            label="Authorization header"
            description="For tools that take the header itself rather than a key and a secret."
            value={`Authorization: ${created.authorization}`}
            multiline
            testId="credential-authorization"
          />
          <Group justify="flex-end">
            <Button onClick={close} data-testid="close-credentials">
              I have stored the secret
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate data-testid="new-client-form">
          <Stack gap="md">
            <TextInput
              label="Name"
              description="Which LMS or course package will use these credentials."
              placeholder="Moodle (production)"
              required
              data-autofocus
              maxLength={200}
              value={name}
              onChange={(event) => {
                setName(event.currentTarget.value);
                setNameError(null);
              }}
              error={nameError}
              data-testid="client-name"
            />
            <Radio.Group
              label="Access"
              value={access}
              onChange={(value) => isAccess(value) && setAccess(value)}
              data-testid="client-access-choice"
            >
              <Stack gap="sm" mt={6}>
                {accessOrder.map((option) => (
                  <Radio
                    key={option}
                    value={option}
                    label={accessLooks[option].label}
                    description={accessLooks[option].description}
                  />
                ))}
              </Stack>
            </Radio.Group>
            {create.isError && (
              <ErrorAlert title="The client was not created" error={create.error} />
            )}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending} data-testid="create-client">
                Create client
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
