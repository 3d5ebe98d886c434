import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle, IconDeviceFloppy, IconPlus, IconTrash } from "@tabler/icons-react";
import { useMemo, useRef, useState } from "react";
import type { FormEvent, KeyboardEvent } from "react";
import { Link, useNavigate } from "react-router";
import type { Template, TemplateProblem } from "../../api/communications.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount } from "../../components/format.js";
import { localeName, localePattern, messagePurposes, purposeLabels } from "./labels.js";
import { templatePath, templatesPath } from "./paths.js";
import { useCreateTemplate, useTemplateCheck, useUpdateTemplate } from "./queries.js";
import type { TemplateDraft, VariantDraft } from "./templateDraft.js";
import {
  draftFromTemplate,
  inputFromDraft,
  isEmptinessProblem,
  problemsFromError,
  problemsOf,
  problemText,
  variantDraft,
} from "./templateDraft.js";
import { TemplatePreview } from "./TemplatePreview.js";
import { VariablesPanel } from "./VariablesPanel.js";

type TextField = "subject" | "body";

/** A language code as written by convention ("fr-ca" → "fr-CA"), or null when it is not one. */
function canonicalLocale(value: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(value.trim());
    return canonical && localePattern.test(canonical) ? canonical : null;
  } catch {
    return null;
  }
}

/** The problems of a field, one per line, each saying where it is. */
function ProblemLines({ problems }: { problems: TemplateProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <>
      {problems.map((problem, index) => (
        <span
          key={`${problem.line}-${problem.column}-${index}`}
          style={{ display: "block" }}
          data-testid="template-problem"
        >
          {problemText(problem)}
        </span>
      ))}
    </>
  );
}

/**
 * Creates or edits a message template: its name and purpose, and its text in each language, with
 * every problem shown under the field it is in while one types, the variables the purpose allows
 * at hand, and a preview for a real recipient once the template is saved.
 */
export function TemplateForm({
  template,
  canManage,
}: {
  template: Template | undefined;
  canManage: boolean;
}) {
  const navigate = useNavigate();
  const [draft, setDraft] = useState<TemplateDraft>(() => draftFromTemplate(template));
  const [active, setActive] = useState<string | null>(() =>
    draft.variants[0] ? String(draft.variants[0].key) : null,
  );
  const [submitted, setSubmitted] = useState(false);
  const [serverProblems, setServerProblems] = useState<TemplateProblem[] | null>(null);
  const [newLocale, setNewLocale] = useState("");
  const [newLocaleError, setNewLocaleError] = useState<string | null>(null);
  const create = useCreateTemplate();
  const update = useUpdateTemplate(template?.id ?? "");
  const save = template ? update : create;

  // The live check follows the text a moment after typing pauses.
  const checkInput = useMemo(() => inputFromDraft(draft, { forCheck: true }), [draft]);
  const [debouncedInput] = useDebouncedValue(checkInput, 400);
  const check = useTemplateCheck(debouncedInput);
  const allProblems = serverProblems ?? check.data?.problems ?? [];
  const problems = submitted ? allProblems : allProblems.filter((p) => !isEmptinessProblem(p));

  // Where "insert a variable" writes: the subject or body last focused, in the active language.
  const fields = useRef(new Map<string, HTMLInputElement | HTMLTextAreaElement>());
  const lastField = useRef<{ key: number; field: TextField } | null>(null);

  function change(next: TemplateDraft) {
    setDraft(next);
    setServerProblems(null);
    if (save.isError) save.reset();
  }

  function patchVariant(key: number, patch: Partial<VariantDraft>) {
    change({
      ...draft,
      variants: draft.variants.map((v) => (v.key === key ? { ...v, ...patch } : v)),
    });
  }

  function addLanguage() {
    const locale = canonicalLocale(newLocale);
    if (!locale) {
      setNewLocaleError("Use a BCP 47 language code, like en, fr or fr-CA.");
      return;
    }
    if (draft.variants.some((v) => v.locale.toLowerCase() === locale.toLowerCase())) {
      setNewLocaleError(`${locale} is there already.`);
      return;
    }
    const variant = variantDraft(locale);
    change({ ...draft, variants: [...draft.variants, variant] });
    setActive(String(variant.key));
    setNewLocale("");
    setNewLocaleError(null);
  }

  function removeLanguage(variant: VariantDraft) {
    const rest = draft.variants.filter((v) => v.key !== variant.key);
    const fallbackLocale =
      draft.fallbackLocale === variant.locale ? (rest[0]?.locale ?? "en") : draft.fallbackLocale;
    change({ ...draft, variants: rest, fallbackLocale });
    setActive(rest[0] ? String(rest[0].key) : null);
  }

  function insert(text: string) {
    const activeVariant = draft.variants.find((v) => String(v.key) === active);
    if (!activeVariant) return;
    const target =
      lastField.current?.key === activeVariant.key
        ? lastField.current
        : { key: activeVariant.key, field: "body" as const };
    const element = fields.current.get(`${target.key}:${target.field}`);
    const value = activeVariant[target.field];
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? start;
    patchVariant(activeVariant.key, {
      [target.field]: value.slice(0, start) + text + value.slice(end),
    });
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + text.length, start + text.length);
    });
  }

  const nameError = submitted && !draft.name.trim() ? "Give the template a name." : null;
  const purposeError = submitted && !draft.purpose ? "Choose what the template is for." : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    const input = inputFromDraft(draft, { forCheck: false });
    if (!input || !input.name) return;
    save.mutate(input, {
      onSuccess: (saved) => {
        setSubmitted(false);
        notifications.show({
          color: "teal",
          title: template ? "Template saved" : "Template created",
          message: template
            ? `Messages not sent yet will use the new text of “${saved.name}”.`
            : `“${saved.name}” can now be chosen in a cadence's rules.`,
        });
        if (!template) void navigate(templatePath(saved.id), { replace: true });
      },
      onError: (error) => setServerProblems(problemsFromError(error)),
    });
  }

  const localesInDraft = new Set(draft.variants.map((v) => v.locale));
  const strayProblems = problems.filter(
    (p) => p.field === "locale" && !localesInDraft.has(p.locale),
  );
  const readOnly = !canManage;

  return (
    <Stack gap="lg">
      <form onSubmit={submit} noValidate data-testid="template-form">
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Stack gap="md">
              <Paper
                withBorder
                radius="md"
                p="md"
                component="section"
                aria-label="About the template"
              >
                <Stack gap="sm">
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                    <TextInput
                      label="Name"
                      placeholder="e.g. Launch (friendly)"
                      value={draft.name}
                      onChange={(event) => change({ ...draft, name: event.currentTarget.value })}
                      error={nameError}
                      required
                      readOnly={readOnly}
                      maxLength={200}
                      data-testid="template-name-input"
                    />
                    <Select
                      label="Purpose"
                      description={
                        template
                          ? "Fixed once created: cadences rely on its variables."
                          : "Decides which variables the text can use."
                      }
                      placeholder="Choose a purpose"
                      data={messagePurposes.map((p) => ({ value: p, label: purposeLabels[p] }))}
                      value={draft.purpose}
                      onChange={(value) =>
                        change({
                          ...draft,
                          purpose: messagePurposes.find((p) => p === value) ?? null,
                        })
                      }
                      disabled={template !== undefined || readOnly}
                      allowDeselect={false}
                      error={purposeError}
                      required
                      data-testid="template-purpose-input"
                    />
                  </SimpleGrid>
                  <Textarea
                    label="Description"
                    placeholder="When to use it, for whoever builds the next cadence"
                    value={draft.description}
                    onChange={(event) =>
                      change({ ...draft, description: event.currentTarget.value })
                    }
                    autosize
                    minRows={1}
                    maxRows={4}
                    maxLength={2000}
                    readOnly={readOnly}
                    data-testid="template-description-input"
                  />
                  <Select
                    label="Fallback language"
                    description="For recipients whose language has no text below."
                    data={draft.variants.map((v) => ({
                      value: v.locale,
                      label: localeName(v.locale)
                        ? `${v.locale} (${localeName(v.locale)})`
                        : v.locale,
                    }))}
                    value={draft.fallbackLocale}
                    onChange={(value) => value && change({ ...draft, fallbackLocale: value })}
                    allowDeselect={false}
                    readOnly={readOnly}
                    error={
                      strayProblems.length > 0 ? <ProblemLines problems={strayProblems} /> : null
                    }
                    w={{ base: "100%", sm: 320 }}
                    data-testid="template-fallback-input"
                  />
                </Stack>
              </Paper>

              <Paper
                withBorder
                radius="md"
                p="md"
                component="section"
                aria-labelledby="template-text-title"
              >
                <Group justify="space-between" align="flex-end" gap="sm" mb="sm" wrap="wrap">
                  <div>
                    <Title order={2} fz="md" id="template-text-title">
                      Text
                    </Title>
                    <Text size="sm" c="dimmed">
                      One tab per language, written in ICU MessageFormat. The body is plain text;
                      the HTML e-mail is made from it.
                    </Text>
                  </div>
                  {!readOnly && (
                    <Group gap="xs" align="flex-start" wrap="nowrap">
                      <TextInput
                        aria-label="Language to add"
                        placeholder="New language, e.g. fr-CA"
                        size="sm"
                        w={210}
                        value={newLocale}
                        onChange={(event) => {
                          setNewLocale(event.currentTarget.value);
                          setNewLocaleError(null);
                        }}
                        onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
                          if (event.key === "Enter") {
                            event.preventDefault();
                            addLanguage();
                          }
                        }}
                        error={newLocaleError}
                        data-testid="new-locale"
                      />
                      <Button
                        variant="light"
                        leftSection={<IconPlus size={16} aria-hidden />}
                        onClick={addLanguage}
                        data-testid="add-locale"
                      >
                        Add
                      </Button>
                    </Group>
                  )}
                </Group>
                <Tabs value={active} onChange={setActive} keepMounted={false}>
                  <Tabs.List mb="md">
                    {draft.variants.map((variant) => {
                      const count = problems.filter((p) => p.locale === variant.locale).length;
                      return (
                        <Tabs.Tab
                          key={variant.key}
                          value={String(variant.key)}
                          rightSection={
                            count > 0 ? (
                              <Badge size="sm" color="red" variant="filled" aria-hidden>
                                {count}
                              </Badge>
                            ) : undefined
                          }
                          aria-label={
                            count > 0
                              ? `${variant.locale}: ${formatCount(count, "problem", "problems")}`
                              : variant.locale
                          }
                          c={count > 0 ? "red" : undefined}
                          data-testid="variant-tab"
                          data-locale={variant.locale}
                          data-problems={count}
                        >
                          {variant.locale}
                        </Tabs.Tab>
                      );
                    })}
                  </Tabs.List>
                  {draft.variants.map((variant) => {
                    const localeProblems = problemsOf(problems, variant.locale, "locale");
                    const subjectProblems = problemsOf(problems, variant.locale, "subject");
                    const bodyProblems = problemsOf(problems, variant.locale, "body");
                    return (
                      <Tabs.Panel key={variant.key} value={String(variant.key)}>
                        <Stack gap="sm" data-testid="variant-panel" data-locale={variant.locale}>
                          {localeProblems.length > 0 && (
                            <Alert color="red" variant="light" p="xs">
                              <ProblemLines problems={localeProblems} />
                            </Alert>
                          )}
                          <TextInput
                            label={`Subject (${variant.locale})`}
                            value={variant.subject}
                            onChange={(event) =>
                              patchVariant(variant.key, { subject: event.currentTarget.value })
                            }
                            onFocus={() =>
                              (lastField.current = { key: variant.key, field: "subject" })
                            }
                            ref={(element) => {
                              if (element) fields.current.set(`${variant.key}:subject`, element);
                            }}
                            error={
                              subjectProblems.length > 0 ? (
                                <ProblemLines problems={subjectProblems} />
                              ) : null
                            }
                            readOnly={readOnly}
                            maxLength={500}
                            styles={{ input: { color: "var(--mantine-color-text)" } }}
                            data-testid="variant-subject"
                          />
                          <Textarea
                            label={`Body (${variant.locale})`}
                            value={variant.body}
                            onChange={(event) =>
                              patchVariant(variant.key, { body: event.currentTarget.value })
                            }
                            onFocus={() =>
                              (lastField.current = { key: variant.key, field: "body" })
                            }
                            ref={(element) => {
                              if (element) fields.current.set(`${variant.key}:body`, element);
                            }}
                            error={
                              bodyProblems.length > 0 ? (
                                <ProblemLines problems={bodyProblems} />
                              ) : null
                            }
                            autosize
                            minRows={8}
                            maxRows={24}
                            readOnly={readOnly}
                            maxLength={20_000}
                            styles={{
                              input: {
                                // The problems are listed under it; the text stays readable.
                                color: "var(--mantine-color-text)",
                                fontFamily: "var(--mantine-font-family-monospace)",
                                fontSize: 13,
                                lineHeight: 1.55,
                              },
                            }}
                            spellCheck
                            data-testid="variant-body"
                          />
                          {!readOnly && (
                            <Group justify="flex-end">
                              <Button
                                variant="subtle"
                                color="red"
                                size="compact-sm"
                                leftSection={<IconTrash size={14} aria-hidden />}
                                onClick={() => removeLanguage(variant)}
                                disabled={draft.variants.length === 1}
                                data-testid="remove-locale"
                              >
                                Remove {variant.locale}
                              </Button>
                            </Group>
                          )}
                        </Stack>
                      </Tabs.Panel>
                    );
                  })}
                </Tabs>
              </Paper>

              {problems.length > 0 && (
                <Alert
                  color="red"
                  variant="light"
                  icon={<IconAlertCircle size={18} aria-hidden />}
                  title={`${formatCount(problems.length, "problem", "problems")} to fix before saving`}
                  data-testid="template-problems"
                  aria-live="polite"
                >
                  <ProblemLines problems={problems} />
                </Alert>
              )}
              {check.isError && (
                <ErrorAlert title="The text could not be checked" error={check.error} />
              )}
              {save.isError && !serverProblems && (
                <ErrorAlert
                  title={template ? "The template was not saved" : "The template was not created"}
                  error={save.error}
                />
              )}
              {!readOnly && (
                <Group justify="flex-end" gap="sm">
                  <Button variant="default" component={Link} to={templatesPath}>
                    Cancel
                  </Button>
                  <Button
                    type="submit"
                    leftSection={<IconDeviceFloppy size={16} aria-hidden />}
                    loading={save.isPending}
                    data-testid="save-template"
                  >
                    {template ? "Save template" : "Create template"}
                  </Button>
                </Group>
              )}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <VariablesPanel purpose={draft.purpose} onInsert={readOnly ? null : insert} />
          </Grid.Col>
        </Grid>
      </form>
      {template ? (
        <TemplatePreview
          templateId={template.id}
          variants={draft.variants.map(({ locale, subject, body }) => ({ locale, subject, body }))}
          blocked={
            allProblems.length > 0
              ? "Fix the problems above first: the text cannot be written out as it is."
              : null
          }
        />
      ) : (
        <Text size="sm" c="dimmed" data-testid="preview-after-save">
          Once the template is created you can preview it for a real recipient and send yourself a
          test.
        </Text>
      )}
    </Stack>
  );
}
