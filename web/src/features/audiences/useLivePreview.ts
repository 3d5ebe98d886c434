import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useState } from "react";
import type { AudiencePreview } from "../../api/audiences.js";
import { useRulePreview } from "./queries.js";
import { ruleMistakeOf } from "./ruleError.js";
import type { RuleMistake } from "./ruleError.js";

/** Typing pause after which the preview runs again. */
export const previewDelayMs = 300;

interface Settled {
  rule: string;
  preview: AudiencePreview | null;
  error: unknown;
}

/**
 * Who the rule being typed selects, re-run when typing pauses. The last answer without a mistake
 * stays on screen (marked out of date) while the next one loads or while the rule has a mistake,
 * so the numbers do not flicker away at every keystroke.
 */
export function useLivePreview(rule: string) {
  const [debounced] = useDebouncedValue(rule, previewDelayMs);
  const query = useRulePreview(debounced);
  const [lastGood, setLastGood] = useState<{ rule: string; preview: AudiencePreview } | null>(null);
  const [settled, setSettled] = useState<Settled | null>(null);

  useEffect(() => {
    if (query.isSuccess && !query.isPlaceholderData) {
      setSettled({ rule: debounced, preview: query.data, error: null });
      setLastGood({ rule: debounced, preview: query.data });
    } else if (query.isError) {
      setSettled({ rule: debounced, preview: null, error: query.error });
    }
  }, [query.isSuccess, query.isPlaceholderData, query.isError, query.data, query.error, debounced]);

  const empty = rule.trim() === "";
  const mistake: RuleMistake | null =
    !empty && settled?.error ? ruleMistakeOf(settled.error, settled.rule) : null;
  return {
    empty,
    preview: empty ? null : (lastGood?.preview ?? null),
    /** True when the preview shown is for exactly the text in the editor. */
    upToDate: !empty && lastGood !== null && lastGood.rule === rule && settled?.error === null,
    mistake,
    /** A failure that is not a mistake in the rule (network, permissions). */
    error: !empty && settled?.error && !mistake ? settled.error : null,
    fetching: !empty && (query.isFetching || debounced !== rule),
    retry: () => void query.refetch(),
  };
}
