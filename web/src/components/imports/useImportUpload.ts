import { notifications } from "@mantine/notifications";
import type { UseMutationResult } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, isApiError } from "../../api/client.js";

/**
 * The shared upload flow: choose a file and options, preview (dry run), then apply the same file.
 * `options` are what is sent besides the file; the caller owns their state and calls
 * `discardResults` whenever they change, so what is applied is what was previewed.
 */
export function useImportUpload<Options extends object, Report>({
  options,
  preview,
  apply,
  isReport,
  appliedNotice,
}: {
  options: Options;
  preview: UseMutationResult<Report, Error, Options & { file: File }>;
  apply: UseMutationResult<Report, Error, Options & { file: File; applyValidRows: boolean }>;
  /** Whether an error's details are the report of a rejected import (a 422). */
  isReport: (value: unknown) => value is Report;
  /** The notification shown once the file was applied. */
  appliedNotice: (report: Report) => { title: string; message: string };
}) {
  const [file, setFileState] = useState<File | null>(null);
  const [skipErrors, setSkipErrors] = useState(false);

  function discardResults() {
    preview.reset();
    apply.reset();
    setSkipErrors(false);
  }

  function runPreview() {
    if (!file) return;
    apply.reset();
    setSkipErrors(false);
    preview.mutate(
      { ...options, file },
      {
        onError: (error) =>
          notifications.show({
            color: "red",
            title: "Preview failed",
            message: errorMessage(error),
          }),
      },
    );
  }

  function runApply() {
    if (!file) return;
    apply.mutate(
      { ...options, file, applyValidRows: skipErrors },
      {
        onSuccess: (report) => notifications.show({ color: "teal", ...appliedNotice(report) }),
        onError: (error) =>
          notifications.show({
            color: "red",
            title: "The import was not applied",
            message: errorMessage(error),
          }),
      },
    );
  }

  /** A 422 carries the report of the rejected import. */
  const rejectedReport =
    isApiError(apply.error) && isReport(apply.error.details) ? apply.error.details : null;
  const report: Report | null = apply.data ?? rejectedReport ?? preview.data ?? null;

  return {
    file,
    skipErrors,
    report,
    previewing: preview.isPending,
    previewError: preview.error,
    applying: apply.isPending,
    applyError: apply.error,
    applied: apply.data ?? null,
    setFile: (next: File | null) => {
      setFileState(next);
      discardResults();
    },
    setSkipErrors,
    runPreview,
    runApply,
    discardResults,
    /** Forgets the file and the results; the caller resets its own options. */
    clear: () => {
      setFileState(null);
      discardResults();
    },
  };
}
