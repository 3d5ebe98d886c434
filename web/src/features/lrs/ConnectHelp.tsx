import { Code, Group, List, Paper, Text, Title } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";

/** How an LMS or a course package talks to the LRS; the long version is docs/lrs.md. */
export function ConnectHelp({ endpoint }: { endpoint: string | undefined }) {
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby="lrs-connect-title"
      data-testid="lrs-connect-help"
    >
      <Group gap="xs" mb="xs" wrap="nowrap">
        <IconInfoCircle size={18} aria-hidden color="var(--mantine-primary-color-filled)" />
        <Title order={2} fz="md" id="lrs-connect-title">
          How to connect an LMS
        </Title>
      </Group>
      <List size="sm" spacing={6} type="ordered">
        <List.Item>
          Create a client for each LMS or course package, and copy its key and secret: the secret is
          shown only once.
        </List.Item>
        <List.Item>
          Enter the endpoint{" "}
          <Code style={{ overflowWrap: "anywhere" }}>{endpoint ?? "https://…/xapi/"}</Code> as the
          LRS address.
        </List.Item>
        <List.Item>
          Authenticate with HTTP Basic: the key is the user name and the secret the password. Tools
          that take a header want <Code>Authorization: Basic …</Code>, shown when the client is
          created.
        </List.Item>
        <List.Item>
          Send <Code>X-Experience-API-Version: 1.0.3</Code> (or another listed version) with every
          request.
        </List.Item>
        <List.Item>
          Identify learners by their work e-mail, as in the directory:{" "}
          <Code>{'"mbox": "mailto:ada@example.com"'}</Code>. Statements about someone not in the
          directory are kept and applied once the person appears.
        </List.Item>
      </List>
      <Text size="xs" c="dimmed" mt="sm">
        The full guide, with example statements and the accepted identifiers, is “Learning records
        (xAPI)” in Cascade&apos;s documentation (docs/lrs.md).
      </Text>
    </Paper>
  );
}
