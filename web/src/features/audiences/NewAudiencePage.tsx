import { PageHeader } from "../../components/PageHeader.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { AudienceForm } from "./AudienceForm.js";
import { BackLink } from "./BackLink.js";

/** Builds a new audience: a rule with its live preview. */
export function NewAudiencePage() {
  usePageTitle("New audience");
  return (
    <>
      <PageHeader
        above={<BackLink to="/audiences" label="Audiences" />}
        title="New audience"
        description="Write a rule; the preview shows who it selects as you type. Saving works out the members and keeps them current."
      />
      <AudienceForm />
    </>
  );
}
