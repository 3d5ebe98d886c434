import { Badge, NavLink, ScrollArea, Stack, Text } from "@mantine/core";
import { Link, useLocation } from "react-router";
import { useAuth } from "../auth/AuthContext.js";
import { comingSoon, isActivePath, navGroups } from "./navItems.js";

function GroupLabel({ children }: { children: string }) {
  return (
    <Text
      size="xs"
      fw={700}
      c="dimmed"
      tt="uppercase"
      lts={0.4}
      px="sm"
      pt="md"
      pb={4}
      component="h2"
    >
      {children}
    </Text>
  );
}

export function Navigation() {
  const { can } = useAuth();
  const { pathname } = useLocation();

  return (
    <ScrollArea type="auto" style={{ flex: 1 }}>
      <Stack gap={2} p="sm">
        {navGroups.map((group) => {
          const items = group.items.filter((item) => !item.permission || can(item.permission));
          if (items.length === 0) return null;
          return (
            <div key={group.label ?? "top"}>
              {group.label && <GroupLabel>{group.label}</GroupLabel>}
              {items.map((item) => {
                const active = isActivePath(pathname, item.to);
                return (
                  <NavLink
                    key={item.to}
                    component={Link}
                    to={item.to}
                    label={item.label}
                    leftSection={<item.icon size={18} stroke={1.6} aria-hidden />}
                    active={active}
                    aria-current={active ? "page" : undefined}
                    variant="light"
                    style={{ borderRadius: "var(--mantine-radius-md)" }}
                  />
                );
              })}
            </div>
          );
        })}
        <GroupLabel>Coming soon</GroupLabel>
        {comingSoon.map((item) => (
          <NavLink
            key={item.label}
            component="button"
            type="button"
            disabled
            tabIndex={-1}
            label={item.label}
            description={undefined}
            leftSection={<item.icon size={18} stroke={1.6} aria-hidden />}
            rightSection={
              <Badge size="xs" variant="light" color="gray" px={5} fz={9}>
                Soon
              </Badge>
            }
            aria-label={`${item.label} (coming soon)`}
            style={{ borderRadius: "var(--mantine-radius-md)" }}
          />
        ))}
      </Stack>
    </ScrollArea>
  );
}
