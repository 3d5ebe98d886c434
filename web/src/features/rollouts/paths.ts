/** Addresses of the rollout screens. */

export function rolloutPath(rolloutId: string): string {
  return `/rollouts/${encodeURIComponent(rolloutId)}`;
}

export function wavePath(rolloutId: string, waveId: string): string {
  return `${rolloutPath(rolloutId)}/waves/${encodeURIComponent(waveId)}`;
}

export function gatePath(rolloutId: string, phaseId: string): string {
  return `${rolloutPath(rolloutId)}/phases/${encodeURIComponent(phaseId)}/gate`;
}
