import { Alert, Button, Stack } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { Link, Outlet } from "react-router";
import type { Permission } from "../../api/types.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { useAuth } from "./AuthContext.js";

/** Renders the nested routes only for users holding `permission`. */
export function RequirePermission({ permission }: { permission: Permission }) {
  const { can } = useAuth();
  if (can(permission)) return <Outlet />;
  return <NoAccess />;
}

function NoAccess() {
  usePageTitle("No access");
  return (
    <Stack maw={560} gap="md">
      <h1 style={{ margin: 0 }}>No access</h1>
      <Alert
        color="yellow"
        icon={<IconLock size={18} aria-hidden />}
        title="You cannot open this page"
      >
        Your role does not include this part of Cascade. Ask an administrator if you need it.
      </Alert>
      <div>
        <Button component={Link} to="/" variant="light">
          Back to the overview
        </Button>
      </div>
    </Stack>
  );
}
