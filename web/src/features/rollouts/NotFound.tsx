import { Button, EmptyState } from "@mantine/core";
import { IconZoomQuestion } from "@tabler/icons-react";
import { Link } from "react-router";

/** A page for a rollout, wave or phase that does not exist (any more). */
export function RolloutNotFound({
  title,
  description,
  backTo,
  backLabel,
}: {
  title: string;
  description: string;
  backTo: string;
  backLabel: string;
}) {
  return (
    <EmptyState
      mt="xl"
      icon={<IconZoomQuestion size={28} aria-hidden />}
      variant="light"
      title={<h1 style={{ margin: 0, fontSize: "inherit" }}>{title}</h1>}
      description={description}
      data-testid="rollout-not-found"
    >
      <EmptyState.Actions>
        <Button component={Link} to={backTo} variant="light">
          {backLabel}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
