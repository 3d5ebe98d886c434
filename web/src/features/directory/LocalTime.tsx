import { Text } from "@mantine/core";
import { useInterval } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { formatTimeInZone } from "../../components/format.js";

/** The time now in `timeZone`, refreshed every 30 seconds. */
export function LocalTime({ timeZone }: { timeZone: string }) {
  const [now, setNow] = useState(() => new Date());
  const interval = useInterval(() => setNow(new Date()), 30_000);

  useEffect(() => {
    interval.start();
    return interval.stop;
  }, [interval]);

  const text = formatTimeInZone(timeZone, now);
  return (
    <Text size="sm" component="span" data-testid="person-local-time">
      {text ?? "Unknown time zone"}
    </Text>
  );
}
