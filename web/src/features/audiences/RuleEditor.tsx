import { Anchor, Group, Stack, Text, Textarea, UnstyledButton } from "@mantine/core";
import { useLayoutEffect, useMemo, useRef, useState } from "react";
import { useRuleFields } from "./queries.js";
import { RuleHelp } from "./RuleHelp.js";
import { caretExcerpt } from "./ruleError.js";
import type { RuleMistake } from "./ruleError.js";
import type { TextEdit } from "./ruleText.js";
import { applyCompletion, completionCandidates, completionsAt, insertExample } from "./ruleText.js";

const monospace = "var(--mantine-font-family-monospace)";

/** "Line 2, column 14: …" with the faulty line and carets under the faulty text. */
function MistakeNote({ mistake, onShow }: { mistake: RuleMistake; onShow: () => void }) {
  const excerpt = caretExcerpt(mistake);
  return (
    <span data-testid="rule-mistake" style={{ display: "block" }}>
      <strong data-testid="rule-mistake-where">{mistake.where}</strong>
      {": "}
      <span data-testid="rule-mistake-message">{mistake.message}</span>{" "}
      <Anchor
        component="button"
        type="button"
        size="xs"
        onClick={onShow}
        c="red.8"
        underline="always"
      >
        Select it in the rule
      </Anchor>
      <span
        aria-hidden
        data-testid="rule-mistake-excerpt"
        style={{
          display: "block",
          marginTop: 4,
          padding: "4px 8px",
          borderRadius: 4,
          background: "var(--mantine-color-red-light)",
          fontFamily: monospace,
          whiteSpace: "pre",
          overflowX: "auto",
          lineHeight: 1.45,
        }}
      >
        {excerpt.line}
        {"\n"}
        {excerpt.caret}
      </span>
    </span>
  );
}

/**
 * The rule text box: monospace, with completion of field names while typing, the server's
 * mistake marked under it, and the language help whose examples go into the rule.
 */
export function RuleEditor({
  value,
  onChange,
  mistake,
  missing = null,
}: {
  value: string;
  onChange: (value: string) => void;
  /** The mistake in `value`, if the server found one. */
  mistake: RuleMistake | null;
  /** Shown when saving without a rule. */
  missing?: string | null;
}) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [selection, setSelection] = useState({ start: value.length, end: value.length });
  const pendingCursor = useRef<{ start: number; end: number } | null>(null);
  const fields = useRuleFields();
  const candidates = useMemo(() => completionCandidates(fields.data?.items ?? []), [fields.data]);

  // After an edit made here (completion, example), put the cursor where the edit says.
  useLayoutEffect(() => {
    const pending = pendingCursor.current;
    const element = textarea.current;
    if (!pending || !element) return;
    pendingCursor.current = null;
    element.focus();
    element.setSelectionRange(pending.start, pending.end);
  }, [value]);

  function edit(next: TextEdit) {
    const range = { start: next.cursor, end: next.cursor };
    pendingCursor.current = range;
    setSelection(range);
    onChange(next.text);
  }

  function readSelection(element: HTMLTextAreaElement) {
    setSelection({ start: element.selectionStart, end: element.selectionEnd });
  }

  const completions =
    selection.start === selection.end
      ? completionsAt(value, Math.min(selection.start, value.length), candidates)
      : null;

  function showMistake() {
    if (!mistake) return;
    const start = Math.min(mistake.offset, value.length);
    const end = Math.min(start + Math.max(mistake.length, 0), value.length);
    const element = textarea.current;
    if (!element) return;
    element.focus();
    element.setSelectionRange(start, end);
    setSelection({ start, end });
  }

  // Right under the text box, before any mistake note, so Tab reaches them first.
  const completionRow = completions && (
    <Group
      gap={6}
      mt={6}
      aria-label="Complete the field name"
      role="group"
      data-testid="rule-completions"
    >
      <Text size="xs" c="dimmed">
        Complete:
      </Text>
      {completions.items.map((completion) => (
        <UnstyledButton
          key={completion.label}
          // Keeps the text box focused when clicked, so typing can go on.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() =>
            edit(applyCompletion(value, completions.start, selection.start, completion))
          }
          aria-label={`Complete with ${completion.label}`}
          className="row-link"
          px={6}
          py={1}
          style={{
            borderRadius: "var(--mantine-radius-sm)",
            border: "1px solid var(--mantine-color-default-border)",
            fontFamily: monospace,
            fontSize: "var(--mantine-font-size-xs)",
          }}
        >
          {completion.label}
        </UnstyledButton>
      ))}
    </Group>
  );

  return (
    <Stack gap="xs">
      <Textarea
        ref={textarea}
        label="Rule"
        description='Conditions joined with and, or and not, like division = "Technology" and region = "Europe".'
        required
        autosize
        minRows={5}
        maxRows={16}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        autoComplete="off"
        value={value}
        onChange={(event) => {
          onChange(event.currentTarget.value);
          readSelection(event.currentTarget);
        }}
        onSelect={(event) => readSelection(event.currentTarget)}
        error={mistake ? <MistakeNote mistake={mistake} onShow={showMistake} /> : missing}
        styles={{
          // A mistake marks the border; the rule itself stays readable in the normal colour.
          input: {
            fontFamily: monospace,
            fontSize: "var(--mantine-font-size-sm)",
            color: "var(--mantine-color-text)",
          },
        }}
        inputContainer={(input) => (
          <>
            {input}
            {completionRow}
          </>
        )}
        data-testid="rule-editor"
      />
      <RuleHelp onInsert={(example) => edit(insertExample(value, selection, example))} />
    </Stack>
  );
}
