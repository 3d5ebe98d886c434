import { AppShell, Burger, Group, Text, ThemeIcon, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconStairsDown } from "@tabler/icons-react";
import { useEffect } from "react";
import { Link, Outlet, useLocation } from "react-router";
import { Navigation } from "./Navigation.js";
import { ColorSchemeToggle, UserControls } from "./UserControls.js";

export function Shell() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();

  // On phones the navbar covers the page; close it once a link was followed.
  useEffect(() => {
    close();
  }, [pathname, close]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 256, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding={{ base: "sm", sm: "md" }}
    >
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px={{ base: "sm", sm: "md" }} justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? "Close navigation" : "Open navigation"}
              aria-expanded={opened}
              aria-controls="app-navbar"
            />
            <UnstyledButton component={Link} to="/" aria-label="Cascade overview">
              <Group gap={8} wrap="nowrap">
                <ThemeIcon size="md" radius="md" aria-hidden>
                  <IconStairsDown size={16} />
                </ThemeIcon>
                <Text fw={700} fz="lg" data-testid="product-name">
                  Cascade
                </Text>
              </Group>
            </UnstyledButton>
          </Group>
          <UserControls />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar id="app-navbar" aria-label="Main navigation" component="nav">
        <Navigation />
        <AppShell.Section
          hiddenFrom="sm"
          p="sm"
          style={{ borderTop: "1px solid var(--mantine-color-default-border)" }}
        >
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              Theme
            </Text>
            <ColorSchemeToggle />
          </Group>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <div style={{ maxWidth: 1320, marginInline: "auto" }}>
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
