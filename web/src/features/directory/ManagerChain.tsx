import { Anchor, Breadcrumbs, Text } from "@mantine/core";
import { Link } from "react-router";
import type { PersonSummary } from "../../api/types.js";
import { personPath } from "./PeopleTable.js";

/** The reporting line from the top of the organisation down to this person. */
export function ManagerChain({
  chain,
  personName,
}: {
  chain: PersonSummary[];
  personName: string;
}) {
  const topDown = [...chain].reverse();
  return (
    <nav aria-label="Reporting line" data-testid="manager-chain">
      <Breadcrumbs separator="›" separatorMargin={6} style={{ flexWrap: "wrap", rowGap: 4 }}>
        {topDown.map((manager) => (
          <Anchor key={manager.id} component={Link} to={personPath(manager.id)} size="sm">
            {manager.name}
          </Anchor>
        ))}
        <Text size="sm" fw={600} aria-current="page">
          {personName}
        </Text>
      </Breadcrumbs>
    </nav>
  );
}
