import {
  Anchor,
  Button,
  EmptyState,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { IconPlus, IconTemplate } from "@tabler/icons-react";
import type { KeyboardEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { MessagePurpose, Template } from "../../api/communications.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount, formatDate, formatDateTime } from "../../components/format.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { BuiltInBadge, LocaleBadge } from "./badges.js";
import { messagePurposes, purposeLabels } from "./labels.js";
import { newTemplatePath, templatePath } from "./paths.js";
import { useTemplates } from "./queries.js";

/** Templates in the order of a rollout's life: announcement first, completion last. */
function ordered(templates: Template[]): Template[] {
  return [...templates].sort(
    (a, b) =>
      messagePurposes.indexOf(a.purpose) - messagePurposes.indexOf(b.purpose) ||
      Number(b.builtIn) - Number(a.builtIn) ||
      a.name.localeCompare(b.name),
  );
}

function Languages({ template }: { template: Template }) {
  return (
    <Group gap={4} wrap="wrap" aria-label="Languages">
      {template.variants.map((variant) => (
        <LocaleBadge key={variant.locale} locale={variant.locale} />
      ))}
    </Group>
  );
}

/** The message templates, narrowed to one purpose through the URL; a template opens its editor. */
export function TemplatesPanel({ canManage }: { canManage: boolean }) {
  const templates = useTemplates();
  const isPhone = useIsPhone();
  const [search, setSearch] = useSearchParams();
  const purposeParam = search.get("purpose");
  const purpose = messagePurposes.find((p) => p === purposeParam) ?? null;

  function choosePurpose(value: MessagePurpose | null) {
    const next = new URLSearchParams(search);
    if (value) next.set("purpose", value);
    else next.delete("purpose");
    setSearch(next);
  }

  const all = templates.data?.items;
  const items = all
    ? ordered(all.filter((t) => purpose === null || t.purpose === purpose))
    : undefined;

  return (
    <section aria-label="Templates">
      <Group justify="space-between" align="flex-end" gap="sm" mb="md" wrap="wrap">
        <Select
          label="Purpose"
          placeholder="Every purpose"
          data={messagePurposes.map((p) => ({ value: p, label: purposeLabels[p] }))}
          value={purpose}
          onChange={(value) => choosePurpose(messagePurposes.find((p) => p === value) ?? null)}
          clearable
          w={{ base: "100%", xs: 260 }}
          data-testid="template-filter-purpose"
        />
        <Text size="sm" c="dimmed" data-testid="templates-total" aria-live="polite">
          {items === undefined
            ? "Loading templates…"
            : formatCount(items.length, "template", "templates")}
        </Text>
      </Group>
      {templates.isError ? (
        <ErrorAlert
          title="Templates could not be loaded"
          error={templates.error}
          onRetry={() => void templates.refetch()}
        />
      ) : items && items.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <EmptyState
            icon={<IconTemplate size={28} aria-hidden />}
            variant="light"
            title={purpose ? `No ${purposeLabels[purpose].toLowerCase()} template` : "No templates"}
            description="A cadence's rules send messages written from templates, one per purpose, in every language you add."
            data-testid="templates-empty"
          >
            {canManage && (
              <EmptyState.Actions>
                <Button
                  component={Link}
                  to={newTemplatePath}
                  variant="light"
                  leftSection={<IconPlus size={16} aria-hidden />}
                >
                  New template
                </Button>
              </EmptyState.Actions>
            )}
          </EmptyState>
        </Paper>
      ) : isPhone ? (
        <TemplateCards templates={items} />
      ) : (
        <Paper withBorder radius="md" p={0} style={{ overflow: "hidden" }}>
          <TemplateTable templates={items} />
        </Paper>
      )}
    </section>
  );
}

function TemplateTable({ templates }: { templates: Template[] | undefined }) {
  const navigate = useNavigate();

  function handleKeyDown(event: KeyboardEvent<HTMLTableRowElement>, template: Template) {
    if (event.key === "Enter" && event.target === event.currentTarget) {
      event.preventDefault();
      void navigate(templatePath(template.id));
    }
  }

  return (
    <Table.ScrollContainer minWidth={860} type="native">
      <Table
        verticalSpacing="sm"
        aria-label="Message templates"
        data-testid="templates-table"
        styles={{ th: { whiteSpace: "nowrap", fontWeight: 600 } }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Template</Table.Th>
            <Table.Th>Purpose</Table.Th>
            <Table.Th>Languages</Table.Th>
            <Table.Th>Updated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {!templates
            ? Array.from({ length: 6 }, (_, row) => (
                <Table.Tr key={row} aria-hidden>
                  {Array.from({ length: 4 }, (_, cell) => (
                    <Table.Td key={cell}>
                      <Skeleton h={12} w={cell === 0 ? "80%" : "60%"} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : templates.map((template) => (
                <Table.Tr
                  key={template.id}
                  className="row-link"
                  tabIndex={0}
                  aria-label={`${template.name}: open the template`}
                  onClick={() => void navigate(templatePath(template.id))}
                  onKeyDown={(event) => handleKeyDown(event, template)}
                  data-testid="template-row"
                  data-template-id={template.id}
                >
                  <Table.Td maw={360}>
                    <Group gap={6} wrap="nowrap">
                      <Anchor
                        component={Link}
                        to={templatePath(template.id)}
                        fw={600}
                        size="sm"
                        tabIndex={-1}
                        onClick={(event) => event.stopPropagation()}
                        style={{ overflowWrap: "anywhere" }}
                        data-testid="template-name"
                      >
                        {template.name}
                      </Anchor>
                      {template.builtIn && <BuiltInBadge />}
                    </Group>
                    {template.description && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {template.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm" data-testid="template-purpose">
                      {purposeLabels[template.purpose]}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Languages template={template} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm" title={formatDateTime(template.updatedAt)}>
                      {formatDate(template.updatedAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function TemplateCards({ templates }: { templates: Template[] | undefined }) {
  return (
    <Stack
      gap="xs"
      component="ul"
      aria-label="Message templates"
      style={{ listStyle: "none", margin: 0, padding: 0 }}
    >
      {!templates
        ? Array.from({ length: 4 }, (_, index) => (
            <li key={index} aria-hidden>
              <Skeleton h={96} radius="md" />
            </li>
          ))
        : templates.map((template) => (
            <li key={template.id}>
              <UnstyledButton
                component={Link}
                to={templatePath(template.id)}
                display="block"
                w="100%"
                data-testid="template-row"
                data-template-id={template.id}
                style={{ borderRadius: "var(--mantine-radius-md)" }}
              >
                <Paper withBorder radius="md" p="sm" className="row-link">
                  <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                    <Text
                      fw={600}
                      size="sm"
                      c="var(--mantine-primary-color-filled)"
                      style={{ overflowWrap: "anywhere" }}
                      data-testid="template-name"
                    >
                      {template.name}
                    </Text>
                    {template.builtIn && <BuiltInBadge />}
                  </Group>
                  <Text size="xs" c="dimmed" mb={6} data-testid="template-purpose">
                    {purposeLabels[template.purpose]} · updated {formatDate(template.updatedAt)}
                  </Text>
                  <Languages template={template} />
                </Paper>
              </UnstyledButton>
            </li>
          ))}
    </Stack>
  );
}
