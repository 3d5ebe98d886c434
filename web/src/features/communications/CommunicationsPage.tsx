import { Box, Button, Tabs } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  IconListDetails,
  IconMailOff,
  IconPlus,
  IconSend,
  IconTemplate,
} from "@tabler/icons-react";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import type { DispatchResult } from "../../api/communications.js";
import { errorMessage } from "../../api/client.js";
import { useAuth } from "../../app/auth/AuthContext.js";
import { formatCount } from "../../components/format.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useIsPhone } from "../../components/useIsPhone.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { LogPanel } from "./LogPanel.js";
import { communicationsPath, newTemplatePath, suppressionsPath, templatesPath } from "./paths.js";
import { useDispatchNow } from "./queries.js";
import { SuppressionsPanel } from "./SuppressionsPanel.js";
import { TemplatesPanel } from "./TemplatesPanel.js";

export type CommunicationsSection = "log" | "templates" | "suppressions";

const sections: Record<CommunicationsSection, { path: string; title: string }> = {
  log: { path: communicationsPath, title: "Delivery log" },
  templates: { path: templatesPath, title: "Message templates" },
  suppressions: { path: suppressionsPath, title: "Suppressed addresses" },
};

/** "3 sent, 1 deferred": what a dispatch did, leaving out what did not happen. */
export function dispatchSummary(result: DispatchResult): string {
  const parts = [
    [result.sent, "sent"],
    [result.retried, "to retry"],
    [result.failed, "failed"],
    [result.cancelled, "cancelled"],
    [result.deferred, "deferred"],
    [result.resent, "resent"],
  ] as const;
  const done = parts.filter(([count]) => count > 0).map(([count, word]) => `${count} ${word}`);
  return done.join(", ");
}

/**
 * Communications: the delivery log of every message, the templates they are written from, and
 * the addresses no e-mail goes to. Each has its own address; the tabs move between them.
 */
export function CommunicationsPage({ section }: { section: CommunicationsSection }) {
  usePageTitle(sections[section].title);
  const { can } = useAuth();
  const canManage = can("rollouts.manage");
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const dispatch = useDispatchNow();
  const [suppressing, setSuppressing] = useState(false);

  function sendDueNow() {
    dispatch.mutate(undefined, {
      onSuccess: (result) =>
        notifications.show({
          color: result.failed > 0 ? "orange" : result.claimed > 0 ? "teal" : "blue",
          title:
            result.claimed > 0
              ? `${formatCount(result.claimed, "message", "messages")} handled`
              : "Nothing was due",
          message:
            result.claimed > 0
              ? `${dispatchSummary(result)}.`
              : "No message is due yet; scheduled ones go out at their time.",
          // The counts are the point: keep them on screen until read.
          autoClose: 8000,
        }),
      onError: (error) =>
        notifications.show({
          color: "red",
          title: "Messages were not sent",
          message: errorMessage(error),
        }),
    });
  }

  const actions = !canManage ? null : section === "log" ? (
    <Button
      variant="light"
      leftSection={<IconSend size={16} aria-hidden />}
      onClick={sendDueNow}
      loading={dispatch.isPending}
      data-testid="send-due-now"
    >
      Send due now
    </Button>
  ) : section === "templates" ? (
    <Button
      component={Link}
      to={newTemplatePath}
      leftSection={<IconPlus size={16} aria-hidden />}
      data-testid="new-template"
    >
      New template
    </Button>
  ) : (
    <Button
      leftSection={<IconPlus size={16} aria-hidden />}
      onClick={() => setSuppressing(true)}
      data-testid="add-suppression"
    >
      Suppress an address
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Communications"
        description="What Cascade tells learners and managers, and when: every message with its content and history, the templates they are written from, and the addresses that get none."
        actions={actions}
      />
      <Tabs
        value={section}
        onChange={(value) => {
          const next = (Object.keys(sections) as CommunicationsSection[]).find((s) => s === value);
          if (next && next !== section) void navigate(sections[next].path);
        }}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab
            value="log"
            leftSection={isPhone ? undefined : <IconListDetails size={16} aria-hidden />}
            data-testid="tab-log"
          >
            Delivery log
          </Tabs.Tab>
          <Tabs.Tab
            value="templates"
            leftSection={isPhone ? undefined : <IconTemplate size={16} aria-hidden />}
            data-testid="tab-templates"
          >
            Templates
          </Tabs.Tab>
          <Tabs.Tab
            value="suppressions"
            leftSection={isPhone ? undefined : <IconMailOff size={16} aria-hidden />}
            aria-label="Suppressed addresses"
            data-testid="tab-suppressions"
          >
            Suppressed
            <Box component="span" visibleFrom="xs">
              {" "}
              addresses
            </Box>
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="log">
          <LogPanel />
        </Tabs.Panel>
        <Tabs.Panel value="templates">
          <TemplatesPanel canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="suppressions">
          <SuppressionsPanel
            canManage={canManage}
            adding={suppressing}
            onAdd={() => setSuppressing(true)}
            onAdded={() => setSuppressing(false)}
          />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
