import { Center, Loader } from "@mantine/core";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useAuth } from "./AuthContext.js";

/** Where the sign-in page sends the person back to. */
export interface SignInLocationState {
  from?: string;
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const location = useLocation();

  if (status === "loading") {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading Cascade" />
      </Center>
    );
  }
  if (status === "signedOut") {
    const state: SignInLocationState = {
      from: `${location.pathname}${location.search}${location.hash}`,
    };
    return <Navigate to="/sign-in" replace state={state} />;
  }
  return children;
}
