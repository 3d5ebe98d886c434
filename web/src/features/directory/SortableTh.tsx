import { Table, UnstyledButton } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconArrowsSort } from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { PeopleSort } from "../../api/types.js";

type SortKey = "name" | "hireDate" | "division" | "region";

/** The sorts the API offers per column; the first is used on the first click. */
const cycles: Record<SortKey, PeopleSort[]> = {
  name: ["name", "-name"],
  hireDate: ["-hireDate", "hireDate"],
  division: ["division"],
  region: ["region"],
};

export function nextSort(column: SortKey, current: PeopleSort): PeopleSort {
  const cycle = cycles[column];
  const index = cycle.indexOf(current);
  return cycle[(index + 1) % cycle.length] ?? cycle[0] ?? "name";
}

/** A column header that sorts the list; announces its state through aria-sort. */
export function SortableTh({
  column,
  sort,
  onSort,
  children,
}: {
  column: SortKey;
  sort: PeopleSort;
  onSort: (sort: PeopleSort) => void;
  children: ReactNode;
}) {
  const active = sort === column || sort === `-${column}`;
  const descending = sort.startsWith("-");
  const ariaSort = active ? (descending ? "descending" : "ascending") : "none";
  const Icon = !active ? IconArrowsSort : descending ? IconArrowDown : IconArrowUp;

  return (
    <Table.Th aria-sort={ariaSort}>
      <UnstyledButton
        className="sort-button"
        onClick={() => onSort(nextSort(column, sort))}
        data-testid={`sort-${column}`}
      >
        {children}
        <Icon size={13} stroke={1.8} aria-hidden style={{ opacity: active ? 1 : 0.4 }} />
      </UnstyledButton>
    </Table.Th>
  );
}
