import { Button, Grid, Group, Kbd, Paper, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDeviceFloppy } from "@tabler/icons-react";
import { useState } from "react";
import type { FormEvent, KeyboardEvent } from "react";
import { Link, useNavigate } from "react-router";
import { errorMessage } from "../../api/client.js";
import type { Audience, AudienceInput } from "../../api/audiences.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount } from "../../components/format.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { audiencePath } from "./paths.js";
import { useCreateAudience, useUpdateAudience } from "./queries.js";
import { RuleEditor } from "./RuleEditor.js";
import { ruleMistakeOf } from "./ruleError.js";
import { RulePreview } from "./RulePreview.js";
import { useLivePreview } from "./useLivePreview.js";

function useSaveAudience(audience: Audience | undefined) {
  const create = useCreateAudience();
  const update = useUpdateAudience(audience?.id ?? "");
  return audience ? update : create;
}

/**
 * The audience builder: name, description and rule, with the live preview beside it. Creates an
 * audience when `audience` is undefined, else saves changes to it.
 */
export function AudienceForm({ audience }: { audience?: Audience }) {
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const [name, setName] = useState(audience?.name ?? "");
  const [description, setDescription] = useState(audience?.description ?? "");
  const [rule, setRule] = useState(audience?.rule ?? "");
  const [nameError, setNameError] = useState<string | null>(null);
  const [ruleMissing, setRuleMissing] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState<AudienceInput | null>(null);
  const save = useSaveAudience(audience);
  const live = useLivePreview(rule);

  const dirty =
    !audience ||
    name.trim() !== audience.name ||
    description.trim() !== audience.description ||
    rule !== audience.rule;
  const saveMistake = submitted ? ruleMistakeOf(save.error, submitted.rule) : null;
  const mistake = saveMistake && saveMistake.rule === rule ? saveMistake : live.mistake;

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (save.isPending) return;
    if (name.trim() === "") {
      setNameError("Give the audience a name people will recognise.");
      return;
    }
    if (rule.trim() === "") {
      setRuleMissing("Write the rule that chooses the members, or pick an example below.");
      return;
    }
    const input: AudienceInput = { name: name.trim(), description: description.trim(), rule };
    setSubmitted(input);
    save.mutate(input, {
      onSuccess: (saved) => {
        notifications.show({
          color: "teal",
          title: audience ? "Audience saved" : "Audience created",
          message: `${saved.name}: ${formatCount(saved.memberCount, "person", "people")}.`,
        });
        if (!audience) void navigate(audiencePath(saved.id));
      },
      onError: (error) =>
        notifications.show({
          color: "red",
          title: "The audience was not saved",
          message: errorMessage(error),
        }),
    });
  }

  function handleKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  }

  function discard() {
    if (!audience) return;
    setName(audience.name);
    setDescription(audience.description);
    setRule(audience.rule);
    setNameError(null);
    save.reset();
  }

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Paper
          withBorder
          radius="md"
          p="md"
          component="form"
          onSubmit={submit}
          onKeyDown={handleKeyDown}
          aria-label={audience ? `Edit ${audience.name}` : "New audience"}
          noValidate
        >
          <Stack gap="md">
            <TextInput
              label="Name"
              required
              maxLength={200}
              value={name}
              onChange={(event) => {
                setName(event.currentTarget.value);
                setNameError(null);
              }}
              error={nameError}
              data-testid="audience-name"
            />
            <Textarea
              label="Description"
              description="Who this is for and why, for the people who will pick it for a rollout."
              autosize
              minRows={2}
              maxRows={6}
              maxLength={5000}
              value={description}
              onChange={(event) => setDescription(event.currentTarget.value)}
              data-testid="audience-description"
            />
            <RuleEditor
              value={rule}
              onChange={(next) => {
                setRule(next);
                setRuleMissing(null);
              }}
              mistake={mistake}
              missing={ruleMissing}
            />
            {isPhone && live.preview && live.upToDate && (
              <Text size="sm" aria-live="polite" data-testid="preview-count-inline">
                {formatCount(live.preview.count, "person matches", "people match")} — see below.
              </Text>
            )}
            {save.isError && !saveMistake && (
              <ErrorAlert title="The audience was not saved" error={save.error} />
            )}
            <Group justify="space-between" gap="sm" wrap="wrap-reverse">
              <Text size="xs" c="dimmed" visibleFrom="sm">
                <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> saves
              </Text>
              <Group gap="xs" ml="auto">
                {audience ? (
                  dirty && (
                    <Button variant="default" onClick={discard} disabled={save.isPending}>
                      Discard changes
                    </Button>
                  )
                ) : (
                  <Button variant="default" component={Link} to="/audiences">
                    Cancel
                  </Button>
                )}
                <Button
                  type="submit"
                  leftSection={<IconDeviceFloppy size={16} aria-hidden />}
                  loading={save.isPending}
                  disabled={!dirty}
                  data-testid="save-audience"
                >
                  {audience ? "Save changes" : "Create audience"}
                </Button>
              </Group>
            </Group>
          </Stack>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <div style={{ position: isPhone ? undefined : "sticky", top: 76 }}>
          <RulePreview live={live} />
        </div>
      </Grid.Col>
    </Grid>
  );
}
