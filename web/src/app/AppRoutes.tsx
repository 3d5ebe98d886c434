import { Route, Routes } from "react-router";
import { PeoplePage } from "../features/directory/PeoplePage.js";
import { PersonPage } from "../features/directory/PersonPage.js";
import { OverviewPage } from "../features/home/OverviewPage.js";
import { ImportDetailPage } from "../features/imports/ImportDetailPage.js";
import { ImportsPage } from "../features/imports/ImportsPage.js";
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
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
