import {
  Button,
  Input,
  Paper,
  SegmentedControl,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { FormEvent } from "react";
import type { GateDecision } from "../../api/rollouts.js";
import { useCurrentUser } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatDate } from "../../components/format.js";
import { decisionLooks } from "./labels.js";
import { useDecideGate } from "./queries.js";

type Decision = Exclude<GateDecision, "override">;
const decisions: Decision[] = ["go", "no_go", "extend"];

const explanations: Record<Decision, string> = {
  go: "The phase opens: its waves can launch.",
  no_go: "The phase stays closed.",
  extend: "The phase before runs on until a date; the gate is decided again then.",
};

/** Records go, no-go or extend on a gate, with the reason and who approved it. */
export function GateDecisionForm({ phaseId, phaseName }: { phaseId: string; phaseName: string }) {
  const user = useCurrentUser();
  const decide = useDecideGate(phaseId);
  const [decision, setDecision] = useState<Decision>("go");
  const [reason, setReason] = useState("");
  const [approvers, setApprovers] = useState<string[]>([user.name]);
  const [extendUntil, setExtendUntil] = useState("");
  const [submitted, setSubmitted] = useState(false);

  const reasonError = submitted && reason.trim().length < 3 ? "Say why, in a few words." : null;
  const approversError = submitted && approvers.length === 0 ? "Name at least one approver." : null;
  const extendError =
    submitted && decision === "extend" && !extendUntil
      ? "Choose the date the phase before runs until."
      : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (reason.trim().length < 3 || approvers.length === 0) return;
    if (decision === "extend" && !extendUntil) return;
    decide.mutate(
      {
        decision,
        reason: reason.trim(),
        approvers,
        extendUntil: decision === "extend" ? extendUntil : null,
      },
      {
        onSuccess: () => {
          notifications.show({
            color: decisionLooks[decision].color,
            title: `Decision recorded: ${decisionLooks[decision].label}`,
            message:
              decision === "go"
                ? `Waves of ${phaseName} can launch now.`
                : decision === "extend"
                  ? `The gate is extended until ${formatDate(extendUntil)}.`
                  : `${phaseName} stays closed.`,
          });
          setReason("");
          setSubmitted(false);
        },
      },
    );
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="decide-title">
      <form onSubmit={submit} noValidate data-testid="gate-decision-form">
        <Stack gap="sm">
          <Title order={2} fz="md" id="decide-title">
            Record a decision
          </Title>
          <div>
            <Input.Label labelElement="div" mb={4} id="decision-label">
              Decision
            </Input.Label>
            <SegmentedControl
              aria-labelledby="decision-label"
              fullWidth
              data={decisions.map((value) => ({
                value,
                label: value === "extend" ? "Extend" : decisionLooks[value].label,
              }))}
              value={decision}
              onChange={(value) => setDecision(decisions.find((d) => d === value) ?? "go")}
              data-testid="decision-choice"
            />
            <Text size="xs" c="dimmed" mt={4}>
              {explanations[decision]}
            </Text>
          </div>
          {decision === "extend" && (
            <TextInput
              type="date"
              label="Extend until"
              value={extendUntil}
              onChange={(event) => setExtendUntil(event.currentTarget.value)}
              error={extendError}
              required
              maw={200}
              data-testid="decision-extend-until"
            />
          )}
          <Textarea
            label="Reason"
            placeholder="What the evidence shows, and why this decision"
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={reasonError}
            autosize
            minRows={3}
            required
            data-testid="decision-reason"
          />
          <TagsInput
            label="Approvers"
            description="Type a name and press Enter; add everyone who approved."
            value={approvers}
            onChange={setApprovers}
            error={approversError}
            maxTags={50}
            clearable
            required
            data-testid="decision-approvers"
          />
          {decide.isError && (
            <ErrorAlert title="The decision was not recorded" error={decide.error} />
          )}
          <div>
            <Button type="submit" loading={decide.isPending} data-testid="record-decision">
              Record decision
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}
