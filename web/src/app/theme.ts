import { createTheme, Modal } from "@mantine/core";

export const theme = createTheme({
  primaryColor: "indigo",
  defaultRadius: "md",
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: {
    fontWeight: "650",
  },
  focusRing: "auto",
  cursorType: "pointer",
  components: {
    // Every dialog's title as bold as the page's headings, whether given as text or an element.
    Modal: Modal.extend({ styles: { title: { fontWeight: 650 } } }),
  },
});
