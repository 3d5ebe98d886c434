export { ImportStatusBadge, importModeLabel } from "../../components/imports/ImportStatusBadge.js";
