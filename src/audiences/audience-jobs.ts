import { z } from "zod";
import { directoryChangedEvent } from "../directory/import-people.js";
import { defineJob } from "../platform/jobs/job.js";
import { resolveAllAudiences } from "./manage-audiences.js";

/** After a directory import, every audience is resolved again and its joins and leaves logged. */
export const resolveAudiencesJob = defineJob({
  name: "audiences.resolve-after-directory-change",
  on: [directoryChangedEvent],
  schema: z.object({ importId: z.string().optional() }).loose(),
  async handler({ db, payload, log }) {
    const results = await resolveAllAudiences(db, {
      cause: payload.importId ? `directory import ${payload.importId}` : "directory change",
    });
    for (const r of results.filter((x) => x.error))
      log.warn({ audience: r.audience, error: r.error }, "audience rule no longer compiles");
  },
});
