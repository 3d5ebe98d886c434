import { notifications } from "@mantine/notifications";
import { useNavigate } from "react-router";
import { errorMessage } from "../../api/client.js";
import type { ProgramVersionSummary } from "../../api/programs.js";
import { formatCount } from "../../components/format.js";
import { versionPath } from "./paths.js";
import { useCreateDraftVersion } from "./queries.js";

/** Starts a new draft copying `from` (its modules), then opens it to be edited. */
export function useStartDraft(programId: string) {
  const create = useCreateDraftVersion(programId);
  const navigate = useNavigate();

  function start(from: ProgramVersionSummary | null) {
    create.mutate(from?.id ?? null, {
      onSuccess: (draft) => {
        notifications.show({
          color: "teal",
          title: `Version ${draft.number} started`,
          message: from
            ? `It copies the ${formatCount(draft.modules.length, "module", "modules")} of version ${from.number}. Change it, then publish.`
            : "Add its modules, then publish.",
        });
        void navigate(versionPath(programId, draft.id));
      },
      onError: (error) =>
        notifications.show({
          color: "red",
          title: "The draft was not started",
          message: errorMessage(error),
        }),
    });
  }

  return { start, starting: create.isPending };
}
