import { CloseButton, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";

/**
 * A search field that reports its value after typing pauses, or at once on Enter; it follows
 * `value` when that changes from outside (back button, clear filters).
 */
export function SearchField({
  value,
  onSearch,
  label,
  placeholder,
  testId,
}: {
  value: string;
  onSearch: (value: string) => void;
  label: string;
  placeholder: string;
  testId: string;
}) {
  const [text, setText] = useState(value);
  const [debounced] = useDebouncedValue(text, 300);
  const lastReported = useRef(value);

  useEffect(() => {
    if (value !== lastReported.current) {
      lastReported.current = value;
      setText(value);
    }
  }, [value]);

  // The page passes a new onSearch after every search; re-running the effect below for it would
  // report the stale debounced text and undo a search just made with Enter.
  const onSearchRef = useRef(onSearch);
  useEffect(() => {
    onSearchRef.current = onSearch;
  }, [onSearch]);

  useEffect(() => {
    if (debounced.trim() === lastReported.current.trim()) return;
    lastReported.current = debounced;
    onSearchRef.current(debounced);
  }, [debounced]);

  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      type="search"
      leftSection={<IconSearch size={16} aria-hidden />}
      value={text}
      onChange={(event) => setText(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === "Enter" && text.trim() !== lastReported.current.trim()) {
          lastReported.current = text;
          onSearch(text);
        }
      }}
      rightSection={
        text ? (
          <CloseButton
            size="sm"
            aria-label="Clear search"
            onClick={() => {
              setText("");
              lastReported.current = "";
              onSearch("");
            }}
          />
        ) : null
      }
      data-testid={testId}
    />
  );
}
