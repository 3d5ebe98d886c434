/** Progress lines for long CLI work: rewritten in place on a terminal, silent otherwise. */
export function terminalProgress(
  enabled = process.stderr.isTTY,
): (phase: string, done?: number) => void {
  if (!enabled) return () => undefined;
  let last = 0;
  return (phase, done) => {
    const now = Date.now();
    if (done !== undefined && now - last < 100) return;
    last = now;
    const text = done === undefined ? `${phase}…` : `${phase}… ${done.toLocaleString("en-US")}`;
    process.stderr.write(`\r\x1b[2K${text}`);
  };
}

export function clearProgress(enabled = process.stderr.isTTY): void {
  if (enabled) process.stderr.write("\r\x1b[2K");
}
