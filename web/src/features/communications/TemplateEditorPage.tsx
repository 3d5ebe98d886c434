import { Badge, Button, EmptyState, Skeleton, Stack } from "@mantine/core";
import { IconZoomQuestion } from "@tabler/icons-react";
import { Link, useParams } from "react-router";
import { isApiError } from "../../api/client.js";
import { useAuth } from "../../app/auth/AuthContext.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatDateTime } from "../../components/format.js";
import { PageHeader } from "../../components/PageHeader.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { BackLink } from "../rollouts/BackLink.js";
import { BuiltInBadge } from "./badges.js";
import { purposeLabels } from "./labels.js";
import { templatesPath } from "./paths.js";
import { useTemplate } from "./queries.js";
import { TemplateForm } from "./TemplateForm.js";

/** A message template's editor, at /communications/templates/:id, or a new one at …/new. */
export function TemplateEditorPage() {
  const { id } = useParams();
  const templateId = id ?? null;
  const template = useTemplate(templateId);
  const canManage = useAuth().can("rollouts.manage");
  usePageTitle(templateId ? (template.data?.name ?? "Template") : "New template");
  const back = <BackLink to={templatesPath}>Templates</BackLink>;

  if (templateId && template.isError) {
    if (isApiError(template.error) && template.error.status === 404)
      return (
        <EmptyState
          mt="xl"
          icon={<IconZoomQuestion size={28} aria-hidden />}
          variant="light"
          title={<h1 style={{ margin: 0, fontSize: "inherit" }}>Template not found</h1>}
          description={`No message template has the id “${templateId}”.`}
          data-testid="template-not-found"
        >
          <EmptyState.Actions>
            <Button component={Link} to={templatesPath} variant="light">
              Back to the templates
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      );
    return (
      <Stack>
        {back}
        <ErrorAlert
          title="This template could not be loaded"
          error={template.error}
          onRetry={() => void template.refetch()}
        />
      </Stack>
    );
  }

  if (templateId && !template.data)
    return (
      <Stack gap="md" aria-busy="true" aria-label="Loading template">
        <Skeleton h={14} w={120} />
        <Skeleton h={32} w={320} />
        <Skeleton h={160} radius="md" />
        <Skeleton h={360} radius="md" />
      </Stack>
    );

  const saved = template.data;
  return (
    <>
      <PageHeader
        above={back}
        title={<span data-testid="template-title">{saved?.name ?? "New template"}</span>}
        titleAside={
          saved && (
            <>
              <Badge variant="light" color="indigo" miw="max-content">
                {purposeLabels[saved.purpose]}
              </Badge>
              {saved.builtIn && <BuiltInBadge />}
            </>
          )
        }
        description={
          saved
            ? `${saved.description ? `${saved.description} ` : ""}Last changed ${formatDateTime(saved.updatedAt)}.`
            : "A message for one purpose, written in each language your people read."
        }
      />
      <TemplateForm key={saved?.id ?? "new"} template={saved} canManage={canManage} />
    </>
  );
}
