import { useCallback, useEffect, useRef } from "react";
import { useSearchParams } from "react-router";

/**
 * The query string, with a `latest` that changes at once: the router renders a navigation a little
 * later, and a second change made before that (clear the filters, then pick one) must build on the
 * first, not on the last render. `navigate` sets both.
 */
export function useLatestSearchParams() {
  const [search, setSearch] = useSearchParams();
  const latest = useRef(search);
  useEffect(() => {
    latest.current = search;
  }, [search]);
  const navigate = useCallback(
    (next: URLSearchParams, replace: boolean) => {
      latest.current = next;
      setSearch(next, { replace });
    },
    [setSearch],
  );
  return { search, latest, navigate };
}
