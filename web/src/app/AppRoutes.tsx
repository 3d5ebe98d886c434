import { Route, Routes } from "react-router";
import { AudiencePage } from "../features/audiences/AudiencePage.js";
import { AudiencesPage } from "../features/audiences/AudiencesPage.js";
import { NewAudiencePage } from "../features/audiences/NewAudiencePage.js";
import { PeoplePage } from "../features/directory/PeoplePage.js";
import { PersonPage } from "../features/directory/PersonPage.js";
import { CommunicationsPage } from "../features/communications/CommunicationsPage.js";
import { TemplateEditorPage } from "../features/communications/TemplateEditorPage.js";
import { CompletionImportPage } from "../features/completions/CompletionImportPage.js";
import { CompletionsImportPage } from "../features/completions/CompletionsImportPage.js";
import { OverviewPage } from "../features/home/OverviewPage.js";
import { ImportDetailPage } from "../features/imports/ImportDetailPage.js";
import { ImportsPage } from "../features/imports/ImportsPage.js";
import { LrsPage } from "../features/lrs/LrsPage.js";
import { ProgramPage } from "../features/programs/ProgramPage.js";
import { ProgramsPage } from "../features/programs/ProgramsPage.js";
import { VersionPage } from "../features/programs/VersionPage.js";
import { CommunicationsRolloutPage } from "../features/rollouts/CommunicationsRolloutPage.js";
import { ExceptionsPage } from "../features/rollouts/ExceptionsPage.js";
import { GatePage } from "../features/rollouts/GatePage.js";
import { RolloutPage } from "../features/rollouts/RolloutPage.js";
import { RolloutsPage } from "../features/rollouts/RolloutsPage.js";
import { WavePage } from "../features/rollouts/WavePage.js";
import { RequireAuth } from "./auth/RequireAuth.js";
import { RequirePermission } from "./auth/RequirePermission.js";
import { SignInPage } from "./auth/SignInPage.js";
import { NotFoundPage } from "./NotFoundPage.js";
import { Shell } from "./shell/Shell.js";

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route
        element={
          <RequireAuth>
            <Shell />
          </RequireAuth>
        }
      >
        <Route index element={<OverviewPage />} />
        <Route element={<RequirePermission permission="people.read" />}>
          <Route path="people" element={<PeoplePage />} />
          <Route path="people/:id" element={<PersonPage />} />
        </Route>
        <Route element={<RequirePermission permission="people.import" />}>
          <Route path="imports" element={<ImportsPage />} />
          <Route path="imports/:id" element={<ImportDetailPage />} />
        </Route>
        <Route element={<RequirePermission permission="audiences.read" />}>
          <Route path="audiences" element={<AudiencesPage />} />
          <Route element={<RequirePermission permission="audiences.manage" />}>
            <Route path="audiences/new" element={<NewAudiencePage />} />
          </Route>
          <Route path="audiences/:id" element={<AudiencePage />} />
        </Route>
        <Route element={<RequirePermission permission="programs.read" />}>
          <Route path="programs" element={<ProgramsPage />} />
          <Route path="programs/:programId" element={<ProgramPage />} />
          <Route path="programs/:programId/versions/:versionId" element={<VersionPage />} />
        </Route>
        <Route element={<RequirePermission permission="rollouts.read" />}>
          <Route path="rollouts" element={<RolloutsPage />} />
          <Route path="rollouts/:id" element={<RolloutPage />} />
          <Route path="rollouts/:id/waves/:waveId" element={<WavePage />} />
          <Route path="rollouts/:id/phases/:phaseId/gate" element={<GatePage />} />
          <Route path="rollouts/:id/communications" element={<CommunicationsRolloutPage />} />
          <Route path="exceptions" element={<ExceptionsPage />} />
          <Route path="communications" element={<CommunicationsPage section="log" />} />
          <Route
            path="communications/templates"
            element={<CommunicationsPage section="templates" />}
          />
          <Route
            path="communications/suppressions"
            element={<CommunicationsPage section="suppressions" />}
          />
          <Route element={<RequirePermission permission="rollouts.manage" />}>
            <Route path="communications/templates/new" element={<TemplateEditorPage />} />
          </Route>
          <Route path="communications/templates/:id" element={<TemplateEditorPage />} />
        </Route>
        <Route element={<RequirePermission permission="completions.import" />}>
          <Route path="completion-imports" element={<CompletionsImportPage />} />
          <Route path="completion-imports/:id" element={<CompletionImportPage />} />
        </Route>
        <Route element={<RequirePermission permission="lrs.read" />}>
          <Route path="lrs" element={<LrsPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
