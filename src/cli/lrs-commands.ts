import { Option, type Command } from "commander";
import { loadConfig } from "../config.js";
import {
  createLrsClient,
  listLrsClients,
  lrsAccess,
  revokeLrsClient,
  type LrsAccess,
} from "../tracking/xapi/lrs-clients.js";
import { withDatabase, type Print } from "./rollout-commands.js";

/** The LRS endpoint an LMS is pointed at. */
export function lrsEndpoint(): string {
  const config = loadConfig();
  const base = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  return `${base.replace(/\/$/, "")}/xapi/`;
}

/** `cascade lrs clients create|list|revoke`. */
export function registerLrsCommands(program: Command, print: Print): void {
  const lrs = program.command("lrs").description("The Learning Record Store (xAPI)");
  const clients = lrs.command("clients").description("Credentials of LMSes and content packages");
  clients
    .command("create")
    .description(
      "Issue HTTP Basic credentials for an LMS or content package; the secret is shown once",
    )
    .requiredOption("--name <name>", "who the credentials are for, e.g. 'Moodle EMEA'")
    .addOption(
      new Option("--access <access>", "what the client may do")
        .choices(lrsAccess)
        .default("read_write"),
    )
    .option("--json", "print JSON", false)
    .action(async (opts: { name: string; access: LrsAccess; json: boolean }) => {
      await withDatabase(opts.json, print, async (db) => {
        const { client, secret } = await createLrsClient(
          db.kysely,
          { name: opts.name, access: opts.access },
          "cascade CLI",
        );
        const endpoint = lrsEndpoint();
        const basic = Buffer.from(`${client.key}:${secret}`).toString("base64");
        print(
          opts.json,
          { ...client, secret, endpoint, authorization: `Basic ${basic}` },
          [
            `LRS client "${client.name}" (${client.access}):`,
            `  endpoint  ${endpoint}`,
            `  key       ${client.key}`,
            `  secret    ${secret}`,
            `  header    Authorization: Basic ${basic}`,
            "The secret is not shown again.",
          ].join("\n"),
        );
      });
    });
  clients
    .command("list")
    .description("List LRS clients")
    .option("--json", "print JSON", false)
    .action(async (opts: { json: boolean }) => {
      await withDatabase(opts.json, print, async (db) => {
        const list = await listLrsClients(db.kysely);
        print(
          opts.json,
          list,
          list
            .map(
              (c) =>
                `${c.id}  ${c.key}  ${c.access.padEnd(10)}  ${c.revokedAt ? "revoked" : "active "}  ${c.name}`,
            )
            .join("\n") || "No LRS clients yet: cascade lrs clients create --name <name>",
        );
      });
    });
  clients
    .command("revoke <id>")
    .description("Revoke an LRS client's credentials")
    .option("--json", "print JSON", false)
    .action(async (id: string, opts: { json: boolean }) => {
      await withDatabase(opts.json, print, async (db) => {
        const client = await revokeLrsClient(db.kysely, id);
        print(opts.json, client, `Revoked ${client.name} (${client.key}).`);
      });
    });
}
