import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { communicationsApi } from "../../api/communications.js";
import type {
  MessagesQuery,
  PreviewRecipient,
  PreviewRequest,
  TemplateInput,
} from "../../api/communications.js";
import { fetchPerson } from "../../api/directory.js";
import { directoryKeys } from "../directory/queries.js";
import { rolloutKeys } from "../rollouts/queries.js";

/**
 * Everything under "communications" moves together: sending what is due changes the log, its
 * counts and the messages of every person; a saved template changes the previews.
 */
export const communicationsKeys = {
  all: ["communications"] as const,
  status: () => ["communications", "status"] as const,
  purposes: () => ["communications", "purposes"] as const,
  templates: () => ["communications", "templates"] as const,
  template: (id: string) => ["communications", "template", id] as const,
  check: (input: TemplateInput | null) => ["communications", "check", input] as const,
  messages: (query: MessagesQuery) => ["communications", "messages", query] as const,
  message: (id: number) => ["communications", "message", id] as const,
  counts: (query: { rolloutId?: string; personExternalId?: string }) =>
    ["communications", "counts", query] as const,
  suppressions: () => ["communications", "suppressions"] as const,
};

/** How e-mail leaves: SMTP, or kept in the local outbox; it changes only with a restart. */
export function useCommunicationsStatus() {
  return useQuery({
    queryKey: communicationsKeys.status(),
    queryFn: () => communicationsApi.status(),
    staleTime: 5 * 60_000,
  });
}

/** The purposes and the variables each one's templates may use; fixed in the server's code. */
export function usePurposes() {
  return useQuery({
    queryKey: communicationsKeys.purposes(),
    queryFn: () => communicationsApi.purposes(),
    staleTime: 60 * 60_000,
  });
}

export function useTemplates() {
  return useQuery({
    queryKey: communicationsKeys.templates(),
    queryFn: () => communicationsApi.templates(),
  });
}

export function useTemplate(id: string | null) {
  return useQuery({
    queryKey: communicationsKeys.template(id ?? ""),
    queryFn: () => communicationsApi.template(id ?? ""),
    enabled: id !== null,
  });
}

/**
 * Every problem in a template as it is being written, without saving it. `input` is null while
 * the form cannot be checked yet (e.g. a language code being typed).
 */
export function useTemplateCheck(input: TemplateInput | null) {
  return useQuery({
    queryKey: communicationsKeys.check(input),
    queryFn: () => communicationsApi.checkTemplate(input as TemplateInput),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** A saved template changes the template lists of the rollout screens' cadence editor too. */
function useInvalidateTemplates() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: communicationsKeys.all }),
      queryClient.invalidateQueries({ queryKey: rolloutKeys.all }),
    ]);
}

/** Creates a template; its editor opens on the saved template at once, without reading it again. */
export function useCreateTemplate() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateTemplates();
  return useMutation({
    mutationFn: (input: TemplateInput) => communicationsApi.createTemplate(input),
    onSuccess: async (saved) => {
      queryClient.setQueryData(communicationsKeys.template(saved.id), saved);
      await invalidate();
    },
  });
}

export function useUpdateTemplate(id: string) {
  const invalidate = useInvalidateTemplates();
  return useMutation({
    mutationFn: (input: TemplateInput) => communicationsApi.updateTemplate(id, input),
    onSuccess: invalidate,
  });
}

/** Renders a template, saved or as being edited, for one recipient; nothing is stored. */
export function usePreviewTemplate(id: string) {
  return useMutation({
    mutationFn: (body: PreviewRecipient & PreviewRequest) => communicationsApi.preview(id, body),
  });
}

/** Sends the rendered template to the signed-in operator's own address. */
export function useTestSend(id: string) {
  return useMutation({
    mutationFn: (body: PreviewRecipient & PreviewRequest) => communicationsApi.testSend(id, body),
  });
}

// Messages go out every minute while the page is open: the log refreshes on its own.
const liveInterval = 30_000;

export function useMessages(query: MessagesQuery, enabled = true) {
  return useQuery({
    queryKey: communicationsKeys.messages(query),
    queryFn: () => communicationsApi.messages(query),
    placeholderData: keepPreviousData,
    refetchInterval: liveInterval,
    enabled,
  });
}

export function useMessage(id: number | null) {
  return useQuery({
    queryKey: communicationsKeys.message(id ?? 0),
    queryFn: () => communicationsApi.message(id ?? 0),
    enabled: id !== null,
  });
}

export function useMessageCounts(query: { rolloutId?: string; personExternalId?: string }) {
  return useQuery({
    queryKey: communicationsKeys.counts(query),
    queryFn: () => communicationsApi.counts(query),
    placeholderData: keepPreviousData,
    refetchInterval: liveInterval,
  });
}

/** Sends what is due now; the log, the counts and the rollouts' calendars move. */
export function useDispatchNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => communicationsApi.dispatchNow(),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: communicationsKeys.all }),
        queryClient.invalidateQueries({ queryKey: rolloutKeys.all }),
      ]);
    },
  });
}

export function useSuppressions() {
  return useQuery({
    queryKey: communicationsKeys.suppressions(),
    queryFn: () => communicationsApi.suppressions(),
  });
}

export function useSuppress() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { address: string; detail: string }) =>
      communicationsApi.suppress(input.address, input.detail),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: communicationsKeys.suppressions() }),
  });
}

export function useUnsuppress() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (address: string) => communicationsApi.unsuppress(address),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: communicationsKeys.suppressions() }),
  });
}

/** One person from the directory, shared with their page's cache; only when `enabled`. */
export function useDirectoryPerson(id: string | null, enabled = true) {
  return useQuery({
    queryKey: directoryKeys.person(id ?? ""),
    queryFn: ({ signal }) => fetchPerson(id ?? "", signal),
    enabled: enabled && id !== null,
  });
}
