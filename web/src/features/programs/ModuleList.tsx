import { Badge, Code, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { IconClock } from "@tabler/icons-react";
import type { ModuleVariant, ProgramModule } from "../../api/programs.js";
import { formatMinutes } from "./format.js";
import { verbLabel } from "./moduleDraft.js";
import { ModuleKindIcon, moduleKindMeta } from "./moduleKinds.js";

/** The verbs a module sets itself, by their short names where they have one. */
function CompletionVerbs({ verbs }: { verbs: string[] }) {
  return (
    <Text size="xs" style={{ overflowWrap: "anywhere" }} data-testid="module-verbs">
      <Text span size="xs" c="dimmed">
        Completes on:{" "}
      </Text>
      {verbs.map((verb, index) => {
        const label = verbLabel(verb);
        return (
          <Text span size="xs" key={verb} data-verb={verb} title={verb}>
            {index > 0 && ", "}
            {label ?? <Code fz="xs">{verb}</Code>}
          </Text>
        );
      })}
    </Text>
  );
}

function variantTarget(variant: ModuleVariant): string {
  return [variant.locale, variant.region].filter(Boolean).join(" · ");
}

function Variants({ variants }: { variants: ModuleVariant[] }) {
  return (
    <Table.ScrollContainer minWidth={480} type="native">
      <Table fz="xs" verticalSpacing={4} aria-label="Variants" data-testid="module-variants">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>For</Table.Th>
            <Table.Th>Title</Table.Th>
            <Table.Th>Activity IRI</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {variants.map((variant, index) => (
            <Table.Tr key={index}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{variantTarget(variant)}</Table.Td>
              <Table.Td>
                {variant.title ?? (
                  <Text span size="xs" c="dimmed">
                    Same title
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ overflowWrap: "anywhere" }}>
                {variant.activityIri ? (
                  <Code fz="xs">{variant.activityIri}</Code>
                ) : (
                  <Text span size="xs" c="dimmed">
                    Same activity
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A version's modules in order, read-only: kind, title, duration, activity and variants. */
export function ModuleList({ modules }: { modules: ProgramModule[] }) {
  if (modules.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="modules-empty">
        This version has no modules.
      </Text>
    );
  return (
    <Stack
      gap="sm"
      component="ol"
      aria-label="Modules"
      data-testid="module-list"
      style={{ listStyle: "none", margin: 0, padding: 0 }}
    >
      {modules.map((module, index) => (
        <li key={module.id} data-testid="module-item" data-kind={module.kind}>
          <Paper withBorder radius="md" p="md">
            <Group gap="sm" align="flex-start" wrap="nowrap">
              <ModuleKindIcon kind={module.kind} size="lg" />
              <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
                <Group gap="xs" wrap="wrap">
                  <Text fw={600} data-testid="module-title">
                    <Text span c="dimmed" fw={500}>
                      {index + 1}.
                    </Text>{" "}
                    {module.title}
                  </Text>
                  {!module.required && (
                    <Badge size="xs" variant="outline" color="gray">
                      Optional
                    </Badge>
                  )}
                </Group>
                <Group gap="md" wrap="wrap">
                  <Text size="sm" c="dimmed">
                    {moduleKindMeta[module.kind].label}
                  </Text>
                  <Group gap={4} wrap="nowrap">
                    <IconClock size={14} aria-hidden color="var(--mantine-color-dimmed)" />
                    <Text size="sm" c="dimmed" data-testid="module-duration">
                      {formatMinutes(module.expectedMinutes)}
                    </Text>
                  </Group>
                </Group>
                {module.activityIri && (
                  <Text size="xs" style={{ overflowWrap: "anywhere" }}>
                    <Text span size="xs" c="dimmed">
                      Activity:{" "}
                    </Text>
                    <Code fz="xs" data-testid="module-iri">
                      {module.activityIri}
                    </Code>
                  </Text>
                )}
                {module.completionVerbsSet && <CompletionVerbs verbs={module.completionVerbs} />}
                {module.variants.length > 0 && (
                  <div>
                    <Text size="xs" c="dimmed" fw={600} mt={4}>
                      {module.variants.length === 1
                        ? "1 variant"
                        : `${module.variants.length} variants`}
                    </Text>
                    <Variants variants={module.variants} />
                  </div>
                )}
              </Stack>
            </Group>
          </Paper>
        </li>
      ))}
    </Stack>
  );
}
