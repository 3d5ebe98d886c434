import {
  ActionIcon,
  Avatar,
  Button,
  Group,
  Text,
  Tooltip,
  useComputedColorScheme,
  useMantineColorScheme,
} from "@mantine/core";
import { IconLogout, IconMoon, IconSun } from "@tabler/icons-react";
import { useNavigate } from "react-router";
import { useCurrentUser, useAuth } from "../auth/AuthContext.js";
import { roleLabel } from "../auth/roles.js";

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  const first = parts[0]?.[0] ?? "";
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "";
  return `${first}${last}`.toUpperCase();
}

export function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme("light");
  const next = computed === "dark" ? "light" : "dark";
  return (
    <Tooltip label={`Switch to ${next} theme`}>
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        aria-label={`Switch to ${next} theme`}
        onClick={() => setColorScheme(next)}
      >
        {computed === "dark" ? (
          <IconSun size={18} aria-hidden />
        ) : (
          <IconMoon size={18} aria-hidden />
        )}
      </ActionIcon>
    </Tooltip>
  );
}

export function useSignOut(): () => void {
  const { signOut } = useAuth();
  const navigate = useNavigate();
  return () => {
    void signOut().then(() => navigate("/sign-in", { replace: true }));
  };
}

/** The right side of the header: who is signed in, their role, and sign-out. */
export function UserControls() {
  const user = useCurrentUser();
  const signOut = useSignOut();

  return (
    <Group gap="xs" wrap="nowrap">
      <Group gap="xs" wrap="nowrap" visibleFrom="sm">
        <ColorSchemeToggle />
      </Group>
      <Group gap="xs" wrap="nowrap" data-testid="current-user">
        <Avatar size="md" radius="xl" color="indigo" aria-hidden visibleFrom="sm">
          {initials(user.name)}
        </Avatar>
        <div style={{ lineHeight: 1.2, minWidth: 0 }}>
          <Text
            size="sm"
            fw={600}
            truncate
            maw={{ base: 120, sm: 200 }}
            data-testid="current-user-name"
          >
            {user.name}
          </Text>
          <Text
            size="xs"
            c="dimmed"
            truncate
            maw={{ base: 120, sm: 200 }}
            data-testid="current-user-role"
          >
            {roleLabel(user.role)}
          </Text>
        </div>
      </Group>
      <Button
        variant="default"
        size="xs"
        leftSection={<IconLogout size={16} aria-hidden />}
        onClick={signOut}
        visibleFrom="sm"
      >
        Sign out
      </Button>
      <Tooltip label="Sign out">
        <ActionIcon
          variant="default"
          size="lg"
          aria-label="Sign out"
          onClick={signOut}
          hiddenFrom="sm"
        >
          <IconLogout size={18} aria-hidden />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
