import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import { fetchSession, login, logout } from "../../api/auth.js";
import { isApiError, setCsrfToken, setUnauthenticatedHandler } from "../../api/client.js";
import type { Permission, User } from "../../api/types.js";
import { AuthContext } from "./AuthContext.js";
import type { AuthContextValue } from "./AuthContext.js";

type AuthState =
  { status: "loading" } | { status: "signedOut" } | { status: "signedIn"; user: User };

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<AuthState>({ status: "loading" });

  useEffect(() => {
    const controller = new AbortController();
    fetchSession(controller.signal).then(
      (session) => {
        setCsrfToken(session.csrfToken);
        setState({ status: "signedIn", user: session.user });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (isApiError(error) && error.status !== 401) {
          notifications.show({
            color: "red",
            title: "Cascade is unavailable",
            message: error.message,
          });
        }
        setState({ status: "signedOut" });
      },
    );
    return () => controller.abort();
  }, []);

  // A 401 on any later request means the session ended (expired or signed out elsewhere).
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setState((current) => {
        if (current.status === "signedIn") {
          notifications.show({
            id: "session-ended",
            color: "yellow",
            title: "Your session ended",
            message: "Sign in again to continue where you were.",
          });
        }
        return { status: "signedOut" };
      });
      queryClient.clear();
    });
    return () => setUnauthenticatedHandler(null);
  }, [queryClient]);

  const signIn = useCallback(
    async (credentials: { email: string; password: string }) => {
      const session = await login(credentials);
      setCsrfToken(session.csrfToken);
      queryClient.clear();
      setState({ status: "signedIn", user: session.user });
      return session.user;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await logout();
    } catch {
      // Signing out locally is what matters; the server session expires on its own.
    }
    setCsrfToken(null);
    queryClient.clear();
    setState({ status: "signedOut" });
  }, [queryClient]);

  const value = useMemo<AuthContextValue>(() => {
    const user = state.status === "signedIn" ? state.user : null;
    return {
      status: state.status,
      user,
      signIn,
      signOut,
      can: (permission: Permission) => user?.permissions.includes(permission) ?? false,
    };
  }, [state, signIn, signOut]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
