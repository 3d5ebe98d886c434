import { ActionIcon, CopyButton, Textarea, TextInput, Tooltip } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";

/** A button that copies `value`, saying so for a moment afterwards. */
export function CopyValueButton({
  value,
  label,
  testId,
}: {
  value: string;
  /** What is copied, e.g. "the endpoint": the button reads "Copy the endpoint". */
  label: string;
  testId?: string;
}) {
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? "Copied" : `Copy ${label}`} withArrow position="left">
          <ActionIcon
            variant="subtle"
            color={copied ? "teal" : "gray"}
            onClick={copy}
            aria-label={copied ? `Copied ${label}` : `Copy ${label}`}
            data-testid={testId}
          >
            {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

/** A read-only value in monospace with a copy button, e.g. a key or a header to paste elsewhere. */
export function CopyField({
  label,
  value,
  description,
  multiline = false,
  autoFocus = false,
  testId,
}: {
  label: string;
  value: string;
  description?: string;
  /** Wraps a long value (a header) instead of scrolling it inside one line. */
  multiline?: boolean;
  /** Takes the focus when shown, e.g. the secret in the credentials just issued. */
  autoFocus?: boolean;
  testId: string;
}) {
  const shared = {
    label,
    description,
    value,
    readOnly: true,
    autoFocus,
    styles: {
      input: {
        fontFamily: "var(--mantine-font-family-monospace)",
        fontSize: 13,
        wordBreak: "break-all" as const,
      },
    },
    rightSection: (
      <CopyValueButton value={value} label={label.toLowerCase()} testId={`${testId}-copy`} />
    ),
    rightSectionPointerEvents: "all" as const,
    "data-testid": testId,
  };
  return multiline ? (
    <Textarea {...shared} autosize minRows={2} onFocus={(event) => event.currentTarget.select()} />
  ) : (
    <TextInput {...shared} onFocus={(event) => event.currentTarget.select()} />
  );
}
