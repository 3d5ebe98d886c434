import {
  Alert,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from "@mantine/core";
import { IconAlertCircle, IconStairsDown } from "@tabler/icons-react";
import { useState } from "react";
import type { FormEvent } from "react";
import { Navigate, useLocation, useNavigate } from "react-router";
import { errorMessage } from "../../api/client.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { useAuth } from "./AuthContext.js";
import type { SignInLocationState } from "./RequireAuth.js";

/** Only same-site paths are followed after sign-in. */
function safeReturnPath(state: unknown): string {
  const from = (state as SignInLocationState | null)?.from;
  if (typeof from === "string" && from.startsWith("/") && !from.startsWith("//")) {
    return from.startsWith("/sign-in") ? "/" : from;
  }
  return "/";
}

export function SignInPage() {
  usePageTitle("Sign in");
  const { status, signIn } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const returnTo = safeReturnPath(location.state);

  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  if (status === "signedIn" && !submitting) return <Navigate to={returnTo} replace />;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError("Enter your email and password.");
      return;
    }
    setError(null);
    setSubmitting(true);
    try {
      await signIn({ email: email.trim(), password });
      void navigate(returnTo, { replace: true });
    } catch (caught) {
      setError(errorMessage(caught));
      setSubmitting(false);
    }
  }

  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-light)">
      <Stack w="100%" maw={400} gap="lg">
        <Group gap="xs" justify="center">
          <ThemeIcon size="lg" radius="md" aria-hidden>
            <IconStairsDown size={20} />
          </ThemeIcon>
          <Text fw={700} fz="xl">
            Cascade
          </Text>
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="lg">
          <form
            onSubmit={(event) => void handleSubmit(event)}
            noValidate
            aria-labelledby="sign-in-title"
          >
            <Stack gap="md">
              <div>
                <Title order={1} id="sign-in-title" fz="h2">
                  Sign in
                </Title>
                <Text c="dimmed" size="sm" mt={4}>
                  Use your work email to open your training rollouts.
                </Text>
              </div>
              {error && (
                <Alert
                  color="red"
                  variant="light"
                  icon={<IconAlertCircle size={18} aria-hidden />}
                  role="alert"
                  data-testid="sign-in-error"
                >
                  {error}
                </Alert>
              )}
              <TextInput
                label="Email"
                type="email"
                name="email"
                autoComplete="username"
                required
                autoFocus
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
              />
              <PasswordInput
                label="Password"
                name="password"
                autoComplete="current-password"
                // Keeps getByLabel("Password") unambiguous: the toggle must not mention "password".
                visibilityToggleButtonProps={{ "aria-label": "Show or hide characters" }}
                required
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
              />
              <Button type="submit" fullWidth loading={submitting}>
                Sign in
              </Button>
            </Stack>
          </form>
        </Paper>
        <Text c="dimmed" size="xs" ta="center">
          Trouble signing in? Contact your Cascade administrator.
        </Text>
      </Stack>
    </Center>
  );
}
