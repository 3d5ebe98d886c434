import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { BrowserRouter } from "react-router";
import { useIsPhone } from "../components/useIsPhone.js";
import { AuthProvider } from "./auth/AuthProvider.js";
import { createQueryClient } from "./queryClient.js";
import { AppRoutes } from "./AppRoutes.js";
import { theme } from "./theme.js";

export function App() {
  const [queryClient] = useState(createQueryClient);
  const isPhone = useIsPhone();
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      {/* Bottom and brief: at the top right they covered the page's action buttons. */}
      <Notifications
        position={isPhone ? "bottom-center" : "bottom-right"}
        autoClose={3000}
        limit={4}
      />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AuthProvider>
            <AppRoutes />
          </AuthProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
