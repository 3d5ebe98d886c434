import { ThemeIcon } from "@mantine/core";
import {
  IconChalkboard,
  IconChecklist,
  IconDeviceLaptop,
  IconFileText,
  IconVideo,
} from "@tabler/icons-react";
import type { Icon } from "@tabler/icons-react";
import type { ModuleKind } from "../../api/programs.js";

export const moduleKindMeta: Record<ModuleKind, { label: string; icon: Icon; color: string }> = {
  elearning: { label: "E-learning", icon: IconDeviceLaptop, color: "indigo" },
  instructor_led: { label: "Instructor-led", icon: IconChalkboard, color: "grape" },
  virtual: { label: "Virtual classroom", icon: IconVideo, color: "cyan" },
  assessment: { label: "Assessment", icon: IconChecklist, color: "orange" },
  job_aid: { label: "Job aid", icon: IconFileText, color: "teal" },
};

/** The icon of a module kind in a coloured square; the label is for screen readers. */
export function ModuleKindIcon({
  kind,
  size = "md",
}: {
  kind: ModuleKind;
  size?: "sm" | "md" | "lg";
}) {
  const meta = moduleKindMeta[kind];
  return (
    <ThemeIcon
      variant="light"
      color={meta.color}
      size={size}
      radius="md"
      role="img"
      aria-label={meta.label}
      title={meta.label}
    >
      <meta.icon size={size === "sm" ? 14 : 18} aria-hidden />
    </ThemeIcon>
  );
}
