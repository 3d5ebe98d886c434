import { Group, Text } from "@mantine/core";
import { IconChevronRight } from "@tabler/icons-react";
import { Fragment } from "react";
import type { Phase } from "../../api/rollouts.js";
import { decisionLooks } from "./labels.js";

/** "Pilot › Scale (Go)": the phases in order, each after the first with the state of its gate. */
export function PhaseSummary({ phases }: { phases: Phase[] }) {
  return (
    <Group gap={4} wrap="wrap" data-testid="phase-summary">
      {phases.map((phase, index) => {
        const decision = phase.gate.decision;
        const look = decision ? decisionLooks[decision] : null;
        return (
          <Fragment key={phase.id}>
            {index > 0 && (
              <IconChevronRight
                size={12}
                aria-label="then"
                style={{ color: "var(--mantine-color-dimmed)" }}
              />
            )}
            <Text size="sm" component="span" style={{ whiteSpace: "nowrap" }}>
              {phase.name}
              {index > 0 && (
                <Text
                  span
                  size="xs"
                  c={look ? `${look.color}.8` : "dimmed"}
                  title={`Gate into ${phase.name}: ${look ? look.label : "awaiting a decision"}`}
                >
                  {" "}
                  ({look ? look.label.toLowerCase() : "awaiting gate"})
                </Text>
              )}
            </Text>
          </Fragment>
        );
      })}
    </Group>
  );
}
