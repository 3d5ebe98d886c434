import { createContext, useContext } from "react";
import type { Permission, User } from "../../api/types.js";

export interface AuthContextValue {
  /** "loading" until the first `me` answered. */
  status: "loading" | "signedIn" | "signedOut";
  user: User | null;
  signIn: (credentials: { email: string; password: string }) => Promise<User>;
  signOut: () => Promise<void>;
  can: (permission: Permission) => boolean;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth must be used inside <AuthProvider>.");
  return value;
}

/** The signed-in user; only for components rendered behind <RequireAuth>. */
export function useCurrentUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error("useCurrentUser must be used behind <RequireAuth>.");
  return user;
}
