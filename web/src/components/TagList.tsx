import { Badge, Group } from "@mantine/core";

export function TagList({
  tags,
  max,
  nowrap = false,
}: {
  tags: string[];
  max?: number;
  nowrap?: boolean;
}) {
  if (tags.length === 0) return null;
  const shown = max === undefined ? tags : tags.slice(0, max);
  const hidden = tags.length - shown.length;
  return (
    <Group gap={4} wrap={nowrap ? "nowrap" : "wrap"}>
      {shown.map((tag) => (
        <Badge
          key={tag}
          size="xs"
          variant="outline"
          color="gray"
          tt="none"
          fw={500}
          miw="max-content"
        >
          {tag}
        </Badge>
      ))}
      {hidden > 0 && (
        <Badge
          size="xs"
          variant="transparent"
          color="gray"
          miw="max-content"
          title={tags.slice(shown.length).join(", ")}
        >
          +{hidden}
        </Badge>
      )}
    </Group>
  );
}
