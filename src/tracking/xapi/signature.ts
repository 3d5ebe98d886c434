import { compactVerify, decodeProtectedHeader, importX509 } from "jose";
import { AppError } from "../../platform/errors.js";
import { comparableForm, signatureUsageType, type Statement } from "./statement.js";

const algorithms = new Set(["RS256", "RS384", "RS512"]);

function withoutSignature(statement: Statement): Statement {
  const copy = { ...statement };
  const attachments = (statement.attachments ?? []).filter(
    (a) => a.usageType !== signatureUsageType,
  );
  if (attachments.length > 0) copy.attachments = attachments;
  else delete copy.attachments;
  return copy;
}

/**
 * Checks a signed statement (xAPI "Signed Statements"): the signature attachment holds a JWS in
 * compact form signed with RS256, RS384 or RS512, whose payload is the statement as it was before
 * the signature was added. When the JWS carries its certificate (`x5c`), the signature itself is
 * verified against it.
 */
export async function checkSignature(
  statement: Statement,
  jws: string,
  path: string,
): Promise<void> {
  const fail = (message: string): never => {
    throw new AppError("bad_request", `${path}: ${message}`);
  };
  const parts = jws.trim().split(".");
  if (parts.length !== 3) fail("the signature is not a JWS in compact serialization");
  let header: ReturnType<typeof decodeProtectedHeader> = {};
  try {
    header = decodeProtectedHeader(jws.trim());
  } catch {
    fail("the signature's JWS header is not valid base64url JSON");
  }
  if (!header.alg || !algorithms.has(header.alg))
    fail(`the signature must use RS256, RS384 or RS512 (found ${header.alg ?? "none"})`);
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1] ?? "", "base64url").toString("utf8"));
  } catch {
    fail("the signature's payload is not a JSON statement");
  }
  if (!payload || typeof payload !== "object" || Array.isArray(payload))
    fail("the signature's payload is not a JSON statement");
  const signed = comparableForm(withoutSignature(payload as Statement), { ignoreTimestamp: false });
  const received = comparableForm(withoutSignature(statement), { ignoreTimestamp: false });
  if (signed !== received) fail("the signed payload does not match the statement");
  const certificate = header.x5c?.[0];
  if (certificate) {
    try {
      const pem = `-----BEGIN CERTIFICATE-----\n${certificate.match(/.{1,64}/g)?.join("\n") ?? ""}\n-----END CERTIFICATE-----`;
      const key = await importX509(pem, header.alg ?? "RS256");
      await compactVerify(jws.trim(), key);
    } catch {
      fail("the signature does not verify against the certificate in its x5c header");
    }
  }
}
