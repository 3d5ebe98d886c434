import { useEffect } from "react";

/** Sets the browser tab title to "<title> · Cascade" while the page is shown. */
export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Cascade` : "Cascade";
  }, [title]);
}
