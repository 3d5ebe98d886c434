import {
  IconAddressBook,
  IconBook2,
  IconCalendarEvent,
  IconChartBar,
  IconCertificate,
  IconFileCertificate,
  IconFileCheck,
  IconFileImport,
  IconHome,
  IconRocket,
  IconShieldCheck,
  IconSpeakerphone,
  IconUsersGroup,
} from "@tabler/icons-react";
import type { Icon } from "@tabler/icons-react";
import type { Permission } from "../../api/types.js";

export interface NavItem {
  label: string;
  to: string;
  icon: Icon;
  /** Only users holding this permission see the item. */
  permission?: Permission;
}

export interface NavGroup {
  /** Shown as a small heading; null for the top group. */
  label: string | null;
  items: NavItem[];
}

export const navGroups: NavGroup[] = [
  { label: null, items: [{ label: "Overview", to: "/", icon: IconHome }] },
  {
    label: "Directory",
    items: [
      { label: "People", to: "/people", icon: IconAddressBook, permission: "people.read" },
      { label: "Imports", to: "/imports", icon: IconFileImport, permission: "people.import" },
    ],
  },
  {
    label: "Training",
    items: [
      { label: "Audiences", to: "/audiences", icon: IconUsersGroup, permission: "audiences.read" },
      { label: "Programs", to: "/programs", icon: IconBook2, permission: "programs.read" },
      { label: "Rollouts", to: "/rollouts", icon: IconRocket, permission: "rollouts.read" },
      {
        label: "Exceptions",
        to: "/exceptions",
        icon: IconFileCertificate,
        permission: "rollouts.read",
      },
      {
        label: "Communications",
        to: "/communications",
        icon: IconSpeakerphone,
        permission: "rollouts.read",
      },
      {
        label: "Completion imports",
        to: "/completion-imports",
        icon: IconFileCheck,
        permission: "completions.import",
      },
      { label: "Learning records", to: "/lrs", icon: IconCertificate, permission: "lrs.read" },
    ],
  },
];

/** Features on the way, shown disabled so people know what is coming. */
export const comingSoon: { label: string; icon: Icon }[] = [
  { label: "Sessions", icon: IconCalendarEvent },
  { label: "Analytics", icon: IconChartBar },
  { label: "Governance", icon: IconShieldCheck },
];

export function isActivePath(pathname: string, to: string): boolean {
  if (to === "/") return pathname === "/";
  return pathname === to || pathname.startsWith(`${to}/`);
}
