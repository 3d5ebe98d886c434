/** " Did you mean "x"?" for the closest known name, else the fallback. */
export function suggest(name: string, known: string[], fallback: string): string {
  let best: string | null = null;
  let bestDistance = name.length <= 4 ? 1 : 2;
  for (const candidate of known) {
    const d = editDistance(name, candidate);
    if (d <= bestDistance && (best === null || d < bestDistance))
      [best, bestDistance] = [candidate, d];
  }
  return best === null ? fallback : ` Did you mean "${best}"?`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
