import { Group, Pagination, Select, Text } from "@mantine/core";
import { formatNumber } from "./format.js";

/** "1–50 of 1,234", a rows-per-page choice and page buttons, under a paged table. */
export function Pager({
  page,
  pageSize,
  pageSizes,
  total,
  onPage,
  onPageSize,
  testIds,
}: {
  page: number;
  pageSize: number;
  pageSizes: readonly number[];
  total: number;
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
  testIds: { range: string; pageSize: string; pagination: string };
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);

  return (
    <Group justify="space-between" gap="sm" mt="md" wrap="wrap">
      <Group gap="sm" wrap="nowrap">
        <Text size="sm" c="dimmed" className="tabular-nums" data-testid={testIds.range}>
          {formatNumber(first)}–{formatNumber(last)} of {formatNumber(total)}
        </Text>
        <Select
          aria-label="Rows per page"
          size="xs"
          w={120}
          data={pageSizes.map((size) => ({ value: String(size), label: `${size} per page` }))}
          value={String(pageSize)}
          onChange={(value) => value && onPageSize(Number(value))}
          allowDeselect={false}
          data-testid={testIds.pageSize}
        />
      </Group>
      <Pagination
        total={pages}
        value={Math.min(page, pages)}
        onChange={onPage}
        size="sm"
        siblings={1}
        boundaries={1}
        getControlProps={(control) => ({
          "aria-label":
            control === "previous"
              ? "Previous page"
              : control === "next"
                ? "Next page"
                : control === "first"
                  ? "First page"
                  : "Last page",
        })}
        getItemProps={(pageNumber) => ({ "aria-label": `Page ${pageNumber}` })}
        data-testid={testIds.pagination}
      />
    </Group>
  );
}
