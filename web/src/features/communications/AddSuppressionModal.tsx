import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { FormEvent } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { useSuppress } from "./queries.js";

// The server checks the address properly; this only catches what is plainly not one.
const looksLikeAddress = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Stops e-mail to an address, with a note saying why (e.g. the bounce the provider reported). */
export function AddSuppressionModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const isPhone = useIsPhone();
  const [address, setAddress] = useState("");
  const [detail, setDetail] = useState("");
  const [addressError, setAddressError] = useState<string | null>(null);
  const suppress = useSuppress();

  function close() {
    setAddress("");
    setDetail("");
    setAddressError(null);
    suppress.reset();
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = address.trim();
    if (!looksLikeAddress.test(value)) {
      setAddressError("Enter an e-mail address, e.g. someone@example.com.");
      return;
    }
    suppress.mutate(
      { address: value, detail: detail.trim() },
      {
        onSuccess: () => {
          notifications.show({
            color: "teal",
            title: "Address suppressed",
            message: `No more e-mail goes to ${value.toLowerCase()}.`,
          });
          close();
        },
      },
    );
  }

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={<Text fw={650}>Suppress an address</Text>}
      size="md"
      fullScreen={isPhone}
    >
      <form onSubmit={submit} noValidate data-testid="add-suppression-form">
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Messages to this address are cancelled instead of sent, until it is removed here.
          </Text>
          <TextInput
            label="E-mail address"
            type="email"
            placeholder="someone@example.com"
            required
            data-autofocus
            maxLength={320}
            value={address}
            onChange={(event) => {
              setAddress(event.currentTarget.value);
              setAddressError(null);
            }}
            error={addressError}
            data-testid="suppression-address"
          />
          <Textarea
            label="Detail"
            description="Why, for whoever reads this later."
            placeholder="Mailbox closed, reported by the mail provider"
            maxLength={500}
            autosize
            minRows={2}
            value={detail}
            onChange={(event) => setDetail(event.currentTarget.value)}
            data-testid="suppression-detail-input"
          />
          {suppress.isError && (
            <ErrorAlert title="The address was not suppressed" error={suppress.error} />
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={suppress.isPending} data-testid="confirm-suppression">
              Suppress
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
