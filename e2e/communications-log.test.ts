import type { Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { request } from "../src/test/http.js";
import { describeInBrowser, eventually, phone } from "./browser.js";
import { useCascadeInBrowser } from "./fixture.js";
import { adminEmail, demoUser, type E2eServer, type PeoplePage } from "./server.js";

/** The JSON shapes these tests read from the API. */
interface Message {
  id: number;
  templateId: string;
  recipientName: string | null;
  recipientExternalId: string | null;
  recipientRole: string;
  address: string | null;
  state: string;
  subject: string | null;
}
interface MessageDetail extends Message {
  messageId: string | null;
  textBody: string | null;
  cancelledReason: string | null;
  events: { fromState: string; toState: string; detail: string }[];
}
interface MessagesPage {
  items: Message[];
  hasMore: boolean;
}
interface Suppression {
  address: string;
  reason: string;
  detail: string;
}

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Sends a changing request to the API as the admin, with the session's CSRF token. */
async function sendOk<T>(server: E2eServer, method: string, path: string, json?: unknown) {
  const { name, value } = await server.sessionCookie(adminEmail);
  const cookie = `${name}=${value}`;
  const me = await request<{ csrfToken: string }>(server.baseUrl, "/api/v1/auth/me", {
    as: { cookie },
  });
  const response = await request<T>(server.baseUrl, path, {
    method,
    json,
    as: { cookie, csrfToken: me.body.csrfToken },
  });
  if (response.status >= 300)
    throw new Error(
      `${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`,
    );
  return response.body;
}

const messageRow = (page: Page, id: number) =>
  page.locator(`[data-testid="message-row"][data-message-id="${id}"]`);

/** A rule of a cadence that sends at once: counted from launch, at midnight, so already due. */
function immediateRule(id: string, purpose: string, templateId: string, to: string) {
  return { id, name: id, purpose, templateId, anchor: "launch", days: 0, at: "00:00", to };
}

describeInBrowser("the delivery log", () => {
  const suite = useCascadeInBrowser();
  const programName = "E2E Data protection basics";
  let rolloutId = "";
  let learners: { id: string; name: string; email: string }[] = [];
  /** The learner whose address is suppressed before anything is sent. */
  let bounced: { id: string; name: string; email: string };
  let expected: Message[] = [];
  const logPath = () => `/communications?rolloutId=${rolloutId}`;

  beforeAll(async () => {
    const { server } = suite();
    // Three people with an address, in a launched wave whose cadence sends at once (no quiet
    // hours, no rest days): a launch message to each, and a briefing to their managers.
    const people = await server.api<PeoplePage>("/api/v1/people?pageSize=60&status=active");
    learners = people.items
      .filter((p) => p.email && p.managerId)
      .slice(0, 3)
      .map((p) => ({ id: p.id, name: p.name, email: p.email ?? "" }));
    if (learners.length < 3) throw new Error("The demo organisation lacks people with e-mail");
    bounced = learners[2]!;

    const program = await sendOk<{ versions: { id: string }[] }>(
      server,
      "POST",
      "/api/v1/programs",
      {
        name: programName,
        description: "Messages about it fill the delivery log",
        modules: [
          {
            kind: "elearning",
            title: "Handling personal data",
            activityIri: "https://lms.example/e2e/data-protection",
            expectedMinutes: 30,
            required: true,
          },
        ],
      },
    );
    const versionId = program.versions[0]?.id ?? "";
    await sendOk(server, "POST", `/api/v1/program-versions/${versionId}/publish`, {});
    const audience = await sendOk<{ id: string }>(server, "POST", "/api/v1/audiences", {
      name: "E2E delivery log learners",
      rule: `id in (${learners.map((l) => `"${l.id}"`).join(", ")})`,
    });
    const rollout = await sendOk<{ id: string; phases: { id: string }[] }>(
      server,
      "POST",
      "/api/v1/rollouts",
      {
        name: "E2E data protection rollout",
        description: "",
        programVersionId: versionId,
        audienceId: audience.id,
        dailyLearningMinutes: 30,
        phases: [{ kind: "pilot", gateCriteria: [] }],
      },
    );
    rolloutId = rollout.id;
    const planned = await sendOk<{ phases: { waves: { id: string }[] }[] }>(
      server,
      "POST",
      `/api/v1/rollouts/${rolloutId}/waves`,
      {
        phaseId: rollout.phases[0]?.id,
        name: "Everyone",
        slice: { regions: [], divisions: [], percent: null },
        launchDate: new Date().toISOString().slice(0, 10),
        enrollmentMode: "mandatory",
        deadline: { kind: "relative", days: 30, time: "23:59" },
        regionDeadlines: {},
        joinerGraceDays: 14,
      },
    );
    await sendOk(server, "PUT", `/api/v1/rollouts/${rolloutId}/cadence`, {
      waveId: null,
      name: "E2E at once",
      rules: [
        immediateRule("launch", "launch", "default-launch", "learner"),
        immediateRule("brief", "manager_briefing", "default-manager-briefing", "manager"),
      ],
      policy: {
        quietFrom: "00:00",
        quietUntil: "00:00",
        workingDaysOnly: false,
        maxPerDay: 5,
        maxPerWeek: 10,
      },
    });
    await sendOk(server, "POST", `/api/v1/waves/${planned.phases[0]?.waves[0]?.id}/launch`, {});
    await sendOk(server, "POST", "/api/v1/communications/suppressions", {
      address: bounced.email,
      detail: "E2E: the mailbox was closed",
    });
    await sendOk(server, "POST", `/api/v1/rollouts/${rolloutId}/communications/plan`);
    expected = (
      await server.api<MessagesPage>(`/api/v1/communications/messages?rolloutId=${rolloutId}`)
    ).items;
    // One launch message per learner, and at least one manager briefing.
    expect(expected.filter((m) => m.templateId === "default-launch")).toHaveLength(3);
    expect(expected.some((m) => m.templateId === "default-manager-briefing")).toBe(true);
    expect(new Set(expected.map((m) => m.state))).toEqual(new Set(["scheduled"]));
  });

  /** The launch message of a learner, as the API shows it now. */
  async function launchMessageOf(server: E2eServer, personId: string): Promise<MessageDetail> {
    const page = await server.api<MessagesPage>(
      `/api/v1/communications/messages?rolloutId=${rolloutId}&personExternalId=${personId}&templateId=default-launch`,
    );
    const first = page.items[0];
    if (!first) throw new Error(`${personId} has no launch message`);
    return server.api<MessageDetail>(`/api/v1/communications/messages/${first.id}`);
  }

  /** What the first test does with its button, for tests run on their own. */
  async function dispatched(server: E2eServer) {
    await sendOk(server, "POST", "/api/v1/communications/dispatch");
  }

  it("says mail is kept locally, lists the planned messages, and sends what is due with a button", async () => {
    const { server, openAs } = suite();
    const status = await server.api<{ transport: string; from: string }>(
      "/api/v1/communications/status",
    );
    expect(status.transport).toBe("local");
    const page = await openAs(adminEmail, logPath());
    const banner = page.getByTestId("local-transport-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toContain(
      "No mail server is configured: e-mails are kept here in the local outbox instead of being sent",
    );
    expect(await banner.getByTestId("mail-from").textContent()).toBe(status.from);

    // Every planned message is listed, scheduled, with its recipient and address.
    await eventually(() => page.getByTestId("message-row").count()).toBe(expected.length);
    for (const message of expected) {
      const row = messageRow(page, message.id);
      expect(await row.getAttribute("data-state")).toBe("scheduled");
      expect(await row.getByTestId("message-recipient").textContent()).toBe(message.recipientName);
      // The address is looked up when the message goes out.
      expect(message.address).toBeNull();
      expect(await row.getByTestId("message-address").textContent()).toBe(
        "Address looked up when sent",
      );
    }
    expect(await page.getByTestId("count-scheduled").textContent()).toBe(String(expected.length));
    expect(await page.getByTestId("count-sent").textContent()).toBe("0");

    // Sending what is due: the notification counts what happened, and the log follows.
    await page.getByTestId("send-due-now").click();
    await page.getByText(`${expected.length} messages handled`).waitFor();
    await page.getByText(`${expected.length - 1} sent, 1 cancelled.`).waitFor();
    await eventually(() => page.getByTestId("count-sent").textContent()).toBe(
      String(expected.length - 1),
    );
    expect(await page.getByTestId("count-cancelled").textContent()).toBe("1");
    expect(await page.getByTestId("count-scheduled").textContent()).toBe("0");
    const sent = await launchMessageOf(server, learners[0]!.id);
    const row = messageRow(page, sent.id);
    await eventually(() => row.getAttribute("data-state")).toBe("sent");
    expect(await row.getByTestId("message-subject").textContent()).toBe(sent.subject);
    expect(await row.getByTestId("message-address").textContent()).toBe(learners[0]!.email);
    expect(sent.subject).toContain(programName);
    expect(await row.textContent()).toContain("Local outbox");
    const cancelled = await launchMessageOf(server, bounced.id);
    expect(await messageRow(page, cancelled.id).getAttribute("data-state")).toBe("cancelled");

    // The counts by template say the same.
    const launchCounts = page.locator(
      '[data-testid="template-count-row"][data-template-id="default-launch"]',
    );
    expect(await launchCounts.getByTestId("template-count-sent").textContent()).toBe("2");
    expect(await launchCounts.getByTestId("template-count-cancelled").textContent()).toBe("1");

    // Nothing else is due: pressing again says so.
    await page.getByTestId("send-due-now").click();
    await page.getByText("Nothing was due").waitFor();
  });

  it("opens a message in a drawer with its content, Message-ID and history, kept in the URL", async () => {
    const { server, openAs } = suite();
    await dispatched(server);
    const learner = learners[0]!;
    const message = await launchMessageOf(server, learner.id);
    expect(message.state).toBe("sent");
    const firstName = learner.name.split(" ")[0] ?? learner.name;

    const page = await openAs(adminEmail, logPath());
    await messageRow(page, message.id).click();
    const drawer = page.getByTestId("message-details");
    await drawer.waitFor();
    await eventually(() => new URL(page.url()).searchParams.get("message")).toBe(
      String(message.id),
    );
    expect(await drawer.getByTestId("message-detail-subject").textContent()).toBe(message.subject);
    expect(await drawer.getByTestId("message-detail-address").textContent()).toBe(learner.email);
    const text = await drawer.getByTestId("message-text").textContent();
    expect(text).toBe(message.textBody);
    expect(text).toContain(`Hello ${firstName},`);
    expect(text).toContain(programName);
    expect(await drawer.getByTestId("message-id").textContent()).toBe(message.messageId);
    expect(message.messageId).toMatch(/^<.+@.+>$/);
    expect(await drawer.getByTestId("message-condition").textContent()).toBe("Everyone");
    expect(await drawer.getByTestId("message-person-link").textContent()).toBe(learner.name);

    // The HTML is shown in a sandboxed frame that can run nothing.
    const frame = drawer.getByTestId("message-html");
    expect(await frame.getAttribute("sandbox")).toBe("");
    expect(await frame.getAttribute("title")).toBe("The message as HTML");
    const html = page.frameLocator('[data-testid="message-html"]').locator("body");
    await eventually(() => html.textContent()).toContain(`Hello ${firstName},`);

    // Its history: claimed, then kept in the local outbox.
    expect(await drawer.getByTestId("message-event-states").allTextContents()).toEqual([
      "Scheduled → Sending",
      "Sending → Sent",
    ]);
    expect(await drawer.getByTestId("message-history").textContent()).toContain(
      "kept in the local outbox",
    );

    // The address survives a reload; Escape closes the drawer and takes it out of the URL.
    await page.reload();
    await page.getByTestId("message-text").waitFor();
    await page.keyboard.press("Escape");
    await page.getByTestId("message-details").waitFor({ state: "detached" });
    expect(new URL(page.url()).searchParams.get("message")).toBeNull();

    // A cancelled message says why, and has no content.
    const cancelled = await launchMessageOf(server, bounced.id);
    await messageRow(page, cancelled.id).click();
    await page.getByTestId("message-cancelled-reason").waitFor();
    expect(await page.getByTestId("message-cancelled-reason").textContent()).toContain(
      cancelled.cancelledReason ?? "",
    );
    expect(cancelled.cancelledReason).toContain("suppressed");
    await page.getByTestId("message-no-content").waitFor();
  });

  it("narrows the log with filters kept in the URL, down to one person, also from their page", async () => {
    const { server, openAs } = suite();
    await dispatched(server);
    const page = await openAs(adminEmail, logPath());
    await eventually(() => page.getByTestId("message-row").count()).toBe(expected.length);

    await page.getByTestId("message-filter-state").click();
    await page.getByRole("option", { name: "Cancelled", exact: true }).click();
    await eventually(() => new URL(page.url()).searchParams.get("state")).toBe("cancelled");
    await eventually(() => page.getByTestId("message-row").count()).toBe(1);
    expect(await page.getByTestId("message-row").getAttribute("data-state")).toBe("cancelled");

    await page.getByTestId("message-filter-state").click();
    await page.getByRole("option", { name: "Sent", exact: true }).click();
    await page.getByTestId("message-filter-template").click();
    await page.getByRole("option", { name: "Launch", exact: true }).click();
    await eventually(() => new URL(page.url()).searchParams.get("template")).toBe("default-launch");
    expect(new URL(page.url()).searchParams.get("state")).toBe("sent");
    await eventually(() => page.getByTestId("message-row").count()).toBe(2);
    for (const template of await page.getByTestId("message-template").allTextContents())
      expect(template).toBe("Launch");

    // A link with the filters shows the same; resent-only finds nothing here.
    await page.goto(`${logPath()}&state=sent&template=default-launch&resent=true`);
    await page.getByTestId("messages-empty").waitFor();
    expect(await page.getByTestId("message-filter-resent").isChecked()).toBe(true);
    await page.getByTestId("clear-message-filters").click();
    await eventually(() => new URL(page.url()).search).toBe("");

    // One person's messages, from the log and from their page.
    const learner = learners[1]!;
    const mine = (
      await server.api<MessagesPage>(
        `/api/v1/communications/messages?personExternalId=${learner.id}`,
      )
    ).items;
    expect(mine.length).toBeGreaterThan(0);
    await page.goto(`/people/${learner.id}`);
    const card = page.getByTestId("person-messages");
    await card.getByTestId("person-message").first().waitFor();
    expect(await card.getByTestId("person-message").count()).toBe(mine.length);
    expect(await card.getByTestId("message-state").first().textContent()).toBe("Sent");
    await card.getByTestId("person-messages-all").click();
    await eventually(() => new URL(page.url()).searchParams.get("personId")).toBe(learner.id);
    await eventually(() => page.getByTestId("message-row").count()).toBe(mine.length);
    for (const name of await page.getByTestId("message-recipient").allTextContents())
      expect(name).toBe(learner.name);
    await eventually(() => page.getByTestId("message-filter-person").inputValue()).toBe(
      learner.name,
    );
  });

  it("suppresses an address and, after asking, allows it again", async () => {
    const { server, openAs } = suite();
    const page = await openAs(adminEmail, "/communications");
    await page.getByTestId("tab-suppressions").click();
    await eventually(() => new URL(page.url()).pathname).toBe("/communications/suppressions");
    const existing = page.locator(
      `[data-testid="suppression-row"][data-address="${bounced.email.toLowerCase()}"]`,
    );
    await existing.waitFor();
    expect(await existing.getByTestId("suppression-reason").textContent()).toBe("Added by hand");
    expect(await existing.getByTestId("suppression-detail").textContent()).toBe(
      "E2E: the mailbox was closed",
    );

    const address = "e2e-closed-mailbox@example.org";
    await page.getByTestId("add-suppression").click();
    await page.getByTestId("suppression-address").fill("not an address");
    await page.getByTestId("confirm-suppression").click();
    await page.getByText("Enter an e-mail address").waitFor();
    await page.getByTestId("suppression-address").fill(address);
    await page.getByTestId("suppression-detail-input").fill("Reported by the mail provider");
    await page.getByTestId("confirm-suppression").click();
    const row = page.locator(`[data-testid="suppression-row"][data-address="${address}"]`);
    await row.waitFor();
    expect(await row.getByTestId("suppression-detail").textContent()).toBe(
      "Reported by the mail provider",
    );
    const listed = await server.api<{ items: Suppression[] }>(
      "/api/v1/communications/suppressions",
    );
    expect(listed.items.find((s) => s.address === address)).toMatchObject({ reason: "manual" });

    // Keeping it changes nothing; allowing it removes it, here and on the server.
    await row.getByTestId("remove-suppression").click();
    const dialog = page.getByTestId("remove-suppression-dialog");
    await dialog.getByRole("button", { name: "Keep it suppressed" }).click();
    await dialog.waitFor({ state: "detached" });
    await row.waitFor();
    await row.getByTestId("remove-suppression").click();
    await page.getByTestId("confirm-remove-suppression").click();
    await row.waitFor({ state: "detached" });
    const after = await server.api<{ items: Suppression[] }>("/api/v1/communications/suppressions");
    expect(after.items.some((s) => s.address === address)).toBe(false);
  });

  it("lets an auditor read the log but not send, suppress or allow", async () => {
    const { server, openAs } = suite();
    await dispatched(server);
    const auditor = demoUser(server, "auditor");
    const page = await openAs(auditor.email, logPath());
    await page.getByTestId("message-row").first().waitFor();
    expect(await page.getByTestId("send-due-now").count()).toBe(0);
    expect(
      await page.getByRole("link", { name: "Communications" }).getAttribute("aria-current"),
    ).toBe("page");
    await page.getByTestId("tab-suppressions").click();
    await page.getByTestId("suppression-row").first().waitFor();
    expect(await page.getByTestId("add-suppression").count()).toBe(0);
    expect(await page.getByTestId("remove-suppression").count()).toBe(0);
  });

  it("fits a phone: messages as cards, the drawer full width, no sideways scrolling", async () => {
    const { server, openAs } = suite();
    await dispatched(server);
    const message = await launchMessageOf(server, learners[0]!.id);
    const page = await openAs(adminEmail, logPath(), phone);
    await messageRow(page, message.id).waitFor();
    expect(await page.getByTestId("messages-table").count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);

    // The filters fold away behind one button.
    const toggle = page.getByTestId("toggle-message-filters");
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await page.getByTestId("message-filter-state").waitFor({ state: "visible" });
    expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);

    await messageRow(page, message.id).click();
    await page.getByTestId("message-text").waitFor();
    // The drawer slides in from the right: measure once it has arrived.
    const rightEdge = async () => {
      const box = await page.getByTestId("message-html").boundingBox();
      return (box?.x ?? 0) + (box?.width ?? 0);
    };
    await expect.poll(rightEdge, { timeout: 5000 }).toBeLessThanOrEqual(phone.width);
    const frame = await page.getByTestId("message-html").boundingBox();
    expect(frame?.width ?? 0).toBeGreaterThan(200);
    expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
    await page.keyboard.press("Escape");
    await page.getByTestId("message-details").waitFor({ state: "detached" });

    await page.getByTestId("tab-suppressions").click();
    await page.getByTestId("suppression-row").first().waitFor();
    expect(await page.getByTestId("suppressions-table").count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
  });

  it("reaches and opens a message with the keyboard alone, and gives focus back on close", async () => {
    const { server, openAs } = suite();
    await dispatched(server);
    const page = await openAs(adminEmail, logPath());
    await page.getByTestId("message-row").first().waitFor();
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement;
        return {
          testId: element?.getAttribute("data-testid") ?? "",
          messageId: element?.getAttribute("data-message-id") ?? "",
        };
      });

    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = (await focused()).testId === "message-row";
    }
    expect(reached).toBe(true);
    const { messageId } = await focused();
    await page.keyboard.press("Enter");
    await page.getByTestId("message-details").waitFor();
    await eventually(() => new URL(page.url()).searchParams.get("message")).toBe(messageId);
    await page.keyboard.press("Escape");
    await page.getByTestId("message-details").waitFor({ state: "detached" });
    await eventually(async () => (await focused()).messageId).toBe(messageId);

    // The next row is one Tab away, and opens the same way.
    await page.keyboard.press("Tab");
    const next = await focused();
    expect(next.testId).toBe("message-row");
    expect(next.messageId).not.toBe(messageId);
    await page.keyboard.press("Enter");
    await eventually(() => new URL(page.url()).searchParams.get("message")).toBe(next.messageId);
  });
});
