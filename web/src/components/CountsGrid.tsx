import { SimpleGrid } from "@mantine/core";
import type { MantineColor } from "@mantine/core";
import type { ReactNode } from "react";
import { StatCard } from "./StatCard.js";

export interface CountItem {
  label: string;
  value: number;
  color?: MantineColor;
  icon?: ReactNode;
  hint?: ReactNode;
  /** Goes on the number itself, see StatCard. */
  testId?: string;
}

/** A grid of StatCards: two across on phones, up to six on wide screens. */
export function CountsGrid({ items, testId }: { items: CountItem[]; testId?: string }) {
  return (
    <SimpleGrid cols={{ base: 2, xs: 3, lg: 6 }} spacing="sm" data-testid={testId}>
      {items.map((item) => (
        <StatCard key={item.label} {...item} />
      ))}
    </SimpleGrid>
  );
}
