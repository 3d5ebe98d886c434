import { createHash, randomBytes } from "node:crypto";
import { AppError } from "../../platform/errors.js";

export interface MixedPart {
  headers: Record<string, string>;
  body: Buffer;
}

/** The boundary parameter of a multipart Content-Type header. */
export function boundaryOf(contentType: string): string {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary)
    throw new AppError("bad_request", "The multipart/mixed Content-Type has no boundary.");
  return boundary;
}

/**
 * Splits a multipart/mixed body (RFC 2046) into its parts: headers (lower-case names) and raw
 * bytes. xAPI sends statements with attachments this way: the statements as the first part, then
 * one part per attachment carrying X-Experience-API-Hash.
 */
export function parseMultipartMixed(body: Buffer, boundary: string): MixedPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MixedPart[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0)
    throw new AppError("bad_request", "The multipart/mixed body does not contain its boundary.");
  for (;;) {
    position += delimiter.length;
    // "--" after a delimiter ends the body.
    if (body[position] === 0x2d && body[position + 1] === 0x2d) break;
    // Skip transport padding and the line break after the delimiter.
    while (body[position] === 0x20 || body[position] === 0x09) position++;
    if (body[position] === 0x0d) position++;
    if (body[position] === 0x0a) position++;
    const next = body.indexOf(delimiter, position);
    if (next < 0) throw new AppError("bad_request", "The multipart/mixed body is not terminated.");
    // The line break before the next delimiter belongs to the delimiter.
    let end = next;
    if (body[end - 1] === 0x0a) end--;
    if (body[end - 1] === 0x0d) end--;
    const chunk = body.subarray(position, end);
    const crlf = chunk.indexOf("\r\n\r\n");
    const lf = chunk.indexOf("\n\n");
    const split = crlf >= 0 && (lf < 0 || crlf <= lf) ? crlf : lf;
    const gap = split === crlf ? 4 : 2;
    const headerText =
      split < 0 ? chunk.toString("latin1") : chunk.subarray(0, split).toString("latin1");
    const headers: Record<string, string> = {};
    for (const line of headerText.split(/\r?\n/)) {
      const colon = line.indexOf(":");
      if (colon > 0)
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, body: split < 0 ? Buffer.alloc(0) : chunk.subarray(split + gap) });
    position = next;
  }
  return parts;
}

/** Builds a multipart/mixed body; returns it with its Content-Type header. */
export function buildMultipartMixed(parts: MixedPart[]): { contentType: string; body: Buffer } {
  const boundary = `cascade-${randomBytes(12).toString("hex")}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const headers = Object.entries(part.headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join("");
    chunks.push(Buffer.from(`--${boundary}\r\n${headers}\r\n`), part.body, Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

export function sha256Hex(content: Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}
