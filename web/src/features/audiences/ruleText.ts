import type { RuleField } from "../../api/audiences.js";

/** A word that can finish what is being typed, and the text that replaces the word. */
export interface Completion {
  label: string;
  insert: string;
  /** Where the cursor goes, counted back from the end of `insert`. */
  cursorBack: number;
}

/** A change to the rule text and where the cursor goes afterwards. */
export interface TextEdit {
  text: string;
  cursor: number;
}

const functions: Completion[] = [
  { label: "reports_to", insert: 'reports_to("")', cursorBack: 2 },
  { label: "reports_directly_to", insert: 'reports_directly_to("")', cursorBack: 2 },
];

/** Field names and functions a word may be completed with, from `/api/v1/audiences/fields`. */
export function completionCandidates(fields: readonly RuleField[]): Completion[] {
  const fromFields = fields.map((field): Completion => {
    // "attributes.<name>" is a pattern: complete to the dot and let the person type the name.
    const dot = field.name.indexOf(".<");
    return dot > 0
      ? {
          label: `${field.name.slice(0, dot)}.`,
          insert: field.name.slice(0, dot + 1),
          cursorBack: 0,
        }
      : { label: field.name, insert: `${field.name} `, cursorBack: 0 };
  });
  return [...fromFields, ...functions];
}

/**
 * The name being typed just before `cursor` (outside quotes and comments), or null. Only the
 * current line is read: quoted text cannot span lines and a comment ends with the line.
 */
export function wordBefore(text: string, cursor: number): { word: string; start: number } | null {
  const before = text.slice(0, cursor);
  const line = before.slice(before.lastIndexOf("\n") + 1);
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote) {
      if (char === "\\") i++;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === "#") return null;
  }
  if (quote) return null;
  const match = /[A-Za-z_][A-Za-z0-9_]*$/.exec(line);
  if (!match) return null;
  // A word glued to a dot or a digit is an attribute name or a value, not a field.
  const previous = line.charAt(line.length - match[0].length - 1);
  if (previous === "." || /[0-9-]/.test(previous)) return null;
  return { word: match[0], start: cursor - match[0].length };
}

/** Up to `max` completions for the word before the cursor; none once the word is complete. */
export function completionsAt(
  text: string,
  cursor: number,
  candidates: readonly Completion[],
  max = 6,
): { start: number; items: Completion[] } | null {
  const found = wordBefore(text, cursor);
  if (!found) return null;
  const word = found.word.toLowerCase();
  const items = candidates.filter(
    (candidate) => candidate.label.startsWith(word) && candidate.label !== word,
  );
  return items.length === 0 ? null : { start: found.start, items: items.slice(0, max) };
}

/** Replaces the text from `start` to `cursor` with the completion. */
export function applyCompletion(
  text: string,
  start: number,
  cursor: number,
  completion: Completion,
): TextEdit {
  const next = text.slice(0, start) + completion.insert + text.slice(cursor);
  return { text: next, cursor: start + completion.insert.length - completion.cursorBack };
}

/**
 * Puts an example into the rule: it replaces a selection, starts an empty rule, or is added at
 * the end with "and" so the rule stays valid.
 */
export function insertExample(
  text: string,
  selection: { start: number; end: number },
  example: string,
): TextEdit {
  if (text.trim() === "") return { text: example, cursor: example.length };
  if (selection.end > selection.start) {
    const next = text.slice(0, selection.start) + example + text.slice(selection.end);
    return { text: next, cursor: selection.start + example.length };
  }
  const next = `${text.trimEnd()}\nand ${example}`;
  return { text: next, cursor: next.length };
}
