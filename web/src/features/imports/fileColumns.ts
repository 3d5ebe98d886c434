/**
 * Reads the column names from the start of a people file so the mapping editor can offer them.
 * Best effort only: the server does the real parsing and reports any problem.
 */

const sniffBytes = 64 * 1024;

function splitCsvLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        cell += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === delimiter) {
      cells.push(cell);
      cell = "";
    } else {
      cell += char;
    }
  }
  cells.push(cell);
  return cells.map((c) => c.trim()).filter((c) => c !== "");
}

function guessDelimiter(line: string): string {
  const candidates = [",", ";", "\t", "|"];
  let best = ",";
  let bestCount = 0;
  for (const candidate of candidates) {
    const count = line.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

export function isJsonLinesName(fileName: string): boolean {
  return /\.(jsonl|ndjson|json)$/i.test(fileName);
}

export function columnsFromText(text: string, jsonLines: boolean): string[] {
  const firstLine = text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .find((line) => line.trim() !== "");
  if (!firstLine) return [];
  if (jsonLines) {
    try {
      const parsed: unknown = JSON.parse(firstLine);
      return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
        ? Object.keys(parsed)
        : [];
    } catch {
      return [];
    }
  }
  return [...new Set(splitCsvLine(firstLine, guessDelimiter(firstLine)))];
}

export async function readFileColumns(file: File): Promise<string[]> {
  try {
    const text = await file.slice(0, sniffBytes).text();
    return columnsFromText(text, isJsonLinesName(file.name));
  } catch {
    return [];
  }
}
