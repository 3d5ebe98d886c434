import { Button, EmptyState } from "@mantine/core";
import { IconMapQuestion } from "@tabler/icons-react";
import { Link } from "react-router";
import { usePageTitle } from "../components/usePageTitle.js";

export function NotFoundPage() {
  usePageTitle("Page not found");
  return (
    <EmptyState
      mt="xl"
      icon={<IconMapQuestion size={32} aria-hidden />}
      variant="light"
      title={<h1 style={{ margin: 0, fontSize: "inherit" }}>Page not found</h1>}
      description="There is nothing at this address. It may have moved, or the link is wrong."
    >
      <EmptyState.Actions>
        <Button component={Link} to="/">
          Go to the overview
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
