import { Button, Group, Modal, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDeviceFloppy, IconPlus, IconSend } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { errorMessage } from "../../api/client.js";
import type { ProgramVersion } from "../../api/programs.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount } from "../../components/format.js";
import { formatMinutes } from "./format.js";
import { ModuleEditor } from "./ModuleEditor.js";
import type { ModuleDraft, ModuleErrors } from "./moduleDraft.js";
import {
  moduleDraft,
  moveItem,
  sameModules,
  serverModuleErrors,
  toModuleInput,
  validateModules,
} from "./moduleDraft.js";
import { usePublishVersion, useUpdateVersion } from "./queries.js";

function requiredMinutes(modules: ModuleDraft[]): number {
  return modules
    .filter((m) => m.required && typeof m.expectedMinutes === "number")
    .reduce((sum, m) => sum + (m.expectedMinutes === "" ? 0 : m.expectedMinutes), 0);
}

/** After a change, the element to focus: inside the module with `key`, matching `selector`. */
interface PendingFocus {
  key: string;
  selector: string;
}

/**
 * Edits a draft version: its modules (add, remove, reorder, fields, variants) and notes, saved
 * together; publishing asks for confirmation because a published version never changes.
 */
export function VersionEditor({ version }: { version: ProgramVersion }) {
  const [modules, setModules] = useState<ModuleDraft[]>(() => version.modules.map(moduleDraft));
  const [notes, setNotes] = useState(version.notes);
  const [errors, setErrors] = useState<Record<string, ModuleErrors>>({});
  const [confirming, setConfirming] = useState(false);
  const pendingFocus = useRef<PendingFocus | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const update = useUpdateVersion(version.id);
  const publish = usePublishVersion(version.id);

  const dirty = !sameModules(modules, version.modules) || notes !== version.notes;
  const busy = update.isPending || publish.isPending;

  useEffect(() => {
    const pending = pendingFocus.current;
    if (!pending || !list.current) return;
    pendingFocus.current = null;
    list.current
      .querySelector<HTMLElement>(`[data-module-key="${pending.key}"] ${pending.selector}`)
      ?.focus();
  }, [modules]);

  function change(next: ModuleDraft[], focus?: PendingFocus) {
    pendingFocus.current = focus ?? null;
    setModules(next);
    // Once shown, errors follow the fields as they are corrected.
    if (Object.keys(errors).length > 0) setErrors(validateModules(next));
  }

  function move(index: number, offset: number) {
    const moved = modules[index];
    if (!moved) return;
    const target = index + offset;
    const atEdge = target <= 0 || target >= modules.length - 1;
    const selector = atEdge
      ? `[data-action="${offset < 0 ? "down" : "up"}"]`
      : `[data-action="${offset < 0 ? "up" : "down"}"]`;
    change(moveItem(modules, index, offset), { key: moved.key, selector });
  }

  /** Shows the mistakes and focuses the first; false when there are any. */
  function checkModules(): boolean {
    const found = validateModules(modules);
    setErrors(found);
    if (Object.keys(found).length === 0) return true;
    notifications.show({
      color: "red",
      title: "Some modules need attention",
      message: "The fields to fix are marked in red.",
    });
    requestAnimationFrame(() =>
      list.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    );
    return false;
  }

  async function saveChanges(): Promise<boolean> {
    if (!checkModules()) return false;
    try {
      await update.mutateAsync({ modules: modules.map(toModuleInput), notes });
      return true;
    } catch (error) {
      // Mistakes the API found in a module's fields show beside them, like the ones found here.
      const refused = serverModuleErrors(error, modules);
      if (Object.keys(refused).length > 0) {
        setErrors(refused);
        requestAnimationFrame(() =>
          list.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
        );
      }
      notifications.show({
        color: "red",
        title: "The version was not saved",
        message: errorMessage(error),
      });
      return false;
    }
  }

  // No notification on success: the bar says "All changes saved", and a notification at the
  // bottom right would sit on its Publish button.
  async function save() {
    await saveChanges();
  }

  async function confirmPublish() {
    if (dirty && !(await saveChanges())) {
      setConfirming(false);
      return;
    }
    try {
      const published = await publish.mutateAsync();
      setConfirming(false);
      notifications.show({
        color: "teal",
        title: `Version ${published.number} published`,
        message: "It can now be rolled out. It will not change again.",
      });
    } catch (error) {
      notifications.show({
        color: "red",
        title: "The version was not published",
        message: errorMessage(error),
      });
    }
  }

  return (
    <Stack gap="md">
      <section aria-labelledby="modules-title">
        <Group justify="space-between" mb="sm">
          <Title order={2} fz="md" id="modules-title">
            Modules
          </Title>
          <Text size="sm" c="dimmed">
            In the order people take them
          </Text>
        </Group>
        <Stack gap="sm" ref={list}>
          {modules.length === 0 && (
            <Paper withBorder radius="md" p="lg">
              <Text size="sm" c="dimmed" ta="center" data-testid="modules-empty">
                No modules yet. Add the first one: an e-learning course, a classroom session, an
                assessment…
              </Text>
            </Paper>
          )}
          {modules.map((draft, index) => (
            <ModuleEditor
              key={draft.key}
              draft={draft}
              index={index}
              count={modules.length}
              errors={errors[draft.key]}
              onChange={(next) => change(modules.map((m) => (m.key === draft.key ? next : m)))}
              onMove={(offset) => move(index, offset)}
              onRemove={() => change(modules.filter((m) => m.key !== draft.key))}
            />
          ))}
          <div>
            <Button
              variant="light"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => {
                const added = moduleDraft();
                change([...modules, added], {
                  key: added.key,
                  selector: '[data-testid="module-title-input"]',
                });
              }}
              data-testid="add-module"
            >
              Add module
            </Button>
          </div>
        </Stack>
      </section>

      <Textarea
        label="Notes"
        description="What changed in this version, for the people who roll it out."
        autosize
        minRows={2}
        maxRows={8}
        maxLength={5000}
        value={notes}
        onChange={(event) => setNotes(event.currentTarget.value)}
        data-testid="version-notes"
      />

      {update.isError && <ErrorAlert title="The version was not saved" error={update.error} />}
      {publish.isError && (
        <ErrorAlert title="The version was not published" error={publish.error} />
      )}

      <Paper
        withBorder
        shadow="sm"
        radius="md"
        p="sm"
        style={{ position: "sticky", bottom: 8, zIndex: 5 }}
      >
        <Group justify="space-between" gap="sm">
          <Text size="sm" c="dimmed" data-testid="editor-status" aria-live="polite">
            {dirty ? "Unsaved changes" : "All changes saved"} ·{" "}
            {formatCount(modules.length, "module", "modules")} ·{" "}
            {formatMinutes(requiredMinutes(modules))} required
          </Text>
          <Group gap="xs" ml="auto">
            <Button
              variant="default"
              leftSection={<IconDeviceFloppy size={16} aria-hidden />}
              onClick={() => void save()}
              loading={update.isPending && !confirming}
              disabled={!dirty || publish.isPending}
              data-testid="save-version"
            >
              Save
            </Button>
            <Button
              leftSection={<IconSend size={16} aria-hidden />}
              onClick={() => setConfirming(true)}
              disabled={modules.length === 0 || busy}
              title={modules.length === 0 ? "Add at least one module to publish" : undefined}
              data-testid="publish-version"
            >
              Publish…
            </Button>
          </Group>
        </Group>
      </Paper>

      <Modal
        opened={confirming}
        onClose={() => !busy && setConfirming(false)}
        title={`Publish version ${version.number}?`}
      >
        <Stack gap="md">
          <Text size="sm">
            A published version cannot change. Rollouts can assign it from then on; to change it
            later you start a new draft version.
          </Text>
          <Text size="sm" c="dimmed">
            {formatCount(modules.length, "module", "modules")},{" "}
            {formatMinutes(requiredMinutes(modules))} of required modules.
            {dirty && " Your unsaved changes are saved first."}
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </Button>
            <Button
              onClick={() => void confirmPublish()}
              loading={busy}
              data-testid="confirm-publish"
            >
              Publish version {version.number}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
