import { useMediaQuery } from "@mantine/hooks";

/** True below Mantine's `sm` breakpoint (48em), where lists collapse into cards. */
export function useIsPhone(): boolean {
  return !useMediaQuery("(min-width: 48em)", true, { getInitialValueInEffect: false });
}
