import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconEye, IconInfoCircle, IconMailForward } from "@tabler/icons-react";
import { useState } from "react";
import { errorMessage } from "../../api/client.js";
import type { RenderedPreview, TemplateVariant, TestSendResult } from "../../api/communications.js";
import type { PersonSummary } from "../../api/types.js";
import { useAuth } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { HtmlFrame } from "./MessageDrawer.js";
import { localeName } from "./labels.js";
import { PersonSelect } from "./PersonSelect.js";
import { usePreviewTemplate, useTestSend } from "./queries.js";

const language = (locale: string) => locale.split("-")[0]?.toLowerCase() ?? locale;

function withName(locale: string): string {
  const name = localeName(locale);
  return name ? `${locale} (${name})` : locale;
}

/** Which language a preview came out in, and why: the one asked for, or the fallback. */
export function localeExplanation(
  used: string,
  asked: { override: string | null; personLocale: string | null },
): { text: string; fallback: boolean } {
  const wanted = asked.override ?? asked.personLocale;
  if (!wanted) return { text: `In ${withName(used)}, the template's fallback.`, fallback: true };
  if (language(wanted) === language(used))
    return {
      text: asked.override
        ? `In ${withName(used)}, as asked.`
        : `In ${withName(used)}, the recipient's language.`,
      fallback: false,
    };
  return {
    text: `In ${withName(used)}, the fallback: the template has no text in ${withName(wanted)}${asked.override ? "" : ", the recipient's language"}.`,
    fallback: true,
  };
}

/** What a test send did, for the notification: where it went, or that it was kept locally. */
export function testSendNotice(result: TestSendResult): {
  color: string;
  title: string;
  message: string;
} {
  if (result.status !== "sent")
    return {
      color: "red",
      title: `The test to ${result.to} was not sent`,
      message: `The mail server answered: ${result.response}`,
    };
  if (result.transport === "local")
    return {
      color: "yellow",
      title: `Test for ${result.to} kept in the local outbox`,
      message:
        "No mail server is configured, so it was kept in the local outbox instead of being sent.",
    };
  return {
    color: "teal",
    title: `Test sent to ${result.to}`,
    message: "Sent through the mail server; it should arrive in a minute.",
  };
}

/**
 * Renders the template as being edited for a chosen recipient, in their language (or one asked
 * for), and sends it as a test to the signed-in operator.
 */
export function TemplatePreview({
  templateId,
  variants,
  blocked,
}: {
  templateId: string;
  variants: TemplateVariant[];
  /** Why the text cannot be rendered now (problems to fix), or null. */
  blocked: string | null;
}) {
  const canManage = useAuth().can("rollouts.manage");
  const [person, setPerson] = useState<PersonSummary | null>(null);
  const [locale, setLocale] = useState<string | null>(null);
  const [shown, setShown] = useState<{
    preview: RenderedPreview;
    person: PersonSummary;
    override: string | null;
  } | null>(null);
  const preview = usePreviewTemplate(templateId);
  const testSend = useTestSend(templateId);
  const [personError, setPersonError] = useState<string | null>(null);

  function body() {
    if (!person) {
      setPersonError("Choose whom to render it for.");
      return null;
    }
    return { personExternalId: person.id, locale: locale ?? undefined, variants };
  }

  function render() {
    const request = body();
    if (!request || !person) return;
    const override = locale;
    preview.mutate(request, {
      onSuccess: (result) => setShown({ preview: result, person, override }),
    });
  }

  function sendTest() {
    const request = body();
    if (!request) return;
    testSend.mutate(request, {
      onSuccess: (result) => notifications.show({ ...testSendNotice(result), autoClose: 8000 }),
      onError: (error) =>
        notifications.show({
          color: "red",
          title: "The test was not sent",
          message: errorMessage(error),
        }),
    });
  }

  const explanation = shown
    ? localeExplanation(shown.preview.locale, {
        override: shown.override,
        personLocale: shown.person.locale,
      })
    : null;

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby="template-preview-title"
      data-testid="template-preview"
    >
      <Title order={2} fz="md" id="template-preview-title">
        Preview
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        The text as it stands in the editor, saved or not, written for one person: their name,
        program, due date in their time zone, and their language.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <PersonSelect
          label="Recipient"
          value={person?.id ?? null}
          onChange={(chosen) => {
            setPerson(chosen);
            setPersonError(null);
          }}
          error={personError}
          testId="preview-person"
        />
        <Select
          label="Language"
          placeholder="The recipient's own"
          data={variants.map((v) => ({ value: v.locale, label: withName(v.locale) }))}
          value={locale}
          onChange={setLocale}
          clearable
          data-testid="preview-locale-choice"
        />
      </SimpleGrid>
      <Group gap="sm" mt="md">
        <Button
          variant="light"
          leftSection={<IconEye size={16} aria-hidden />}
          onClick={render}
          loading={preview.isPending}
          disabled={blocked !== null}
          data-testid="render-preview"
        >
          Preview
        </Button>
        {canManage && (
          <Button
            variant="default"
            leftSection={<IconMailForward size={16} aria-hidden />}
            onClick={sendTest}
            loading={testSend.isPending}
            disabled={blocked !== null}
            data-testid="send-test"
          >
            Send a test to me
          </Button>
        )}
      </Group>
      {blocked && (
        <Text size="sm" c="dimmed" mt="xs">
          {blocked}
        </Text>
      )}
      {preview.isError && (
        <div style={{ marginTop: "var(--mantine-spacing-md)" }}>
          <ErrorAlert title="The preview could not be made" error={preview.error} />
        </div>
      )}
      {shown && explanation && (
        <Stack gap="sm" mt="md" data-testid="preview-result">
          <Alert
            color={explanation.fallback ? "yellow" : "blue"}
            variant="light"
            icon={<IconInfoCircle size={18} aria-hidden />}
            p="xs"
          >
            <Group gap={6} wrap="wrap">
              <Badge
                variant="filled"
                color={explanation.fallback ? "yellow" : "blue"}
                tt="none"
                data-testid="preview-locale"
              >
                {shown.preview.locale}
              </Badge>
              <Text
                size="sm"
                data-testid="preview-locale-explanation"
                data-fallback={explanation.fallback}
              >
                {explanation.text} For {shown.person.name}
                {shown.person.locale ? ` (${shown.person.locale})` : ""}.
              </Text>
            </Group>
          </Alert>
          <Text size="sm">
            <Text span fw={600}>
              Subject:
            </Text>{" "}
            <span data-testid="preview-subject">{shown.preview.subject}</span>
          </Text>
          <Code
            block
            tabIndex={0}
            aria-label="The preview as plain text"
            data-testid="preview-text"
            style={{
              whiteSpace: "pre-wrap",
              overflowWrap: "anywhere",
              fontSize: 13,
              lineHeight: 1.5,
            }}
          >
            {shown.preview.text}
          </Code>
          <HtmlFrame html={shown.preview.html} title="The preview as HTML" testId="preview-html" />
        </Stack>
      )}
    </Paper>
  );
}
