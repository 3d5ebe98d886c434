import { request } from "./client.js";
import type { Session } from "./types.js";

export function login(credentials: { email: string; password: string }): Promise<Session> {
  return request<Session>("/api/v1/auth/login", {
    method: "POST",
    body: credentials,
    allowUnauthenticated: true,
  });
}

export async function logout(): Promise<void> {
  await request<undefined>("/api/v1/auth/logout", { method: "POST", allowUnauthenticated: true });
}

export function fetchSession(signal?: AbortSignal): Promise<Session> {
  return request<Session>("/api/v1/auth/me", { signal, allowUnauthenticated: true });
}
