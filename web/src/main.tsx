import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./app/global.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.js";

const container = document.getElementById("root");
if (!container) throw new Error("The page has no #root element to render Cascade into.");

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
