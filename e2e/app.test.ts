import { describeInBrowser } from "./browser.js";
import { useCascadeInBrowser } from "./fixture.js";
import { peopleTests } from "./screens/people.js";
import { phoneTests } from "./screens/phone.js";
import { scopingTests } from "./screens/scoping.js";
import { signInTests } from "./screens/sign-in.js";

/**
 * Every screen a person reads, on one server and one Chromium: none of these tests changes the
 * directory, so they share them (starting a server with its demo users takes seconds). Tests
 * that change data, like imports, live in their own files with their own server.
 */
describeInBrowser("Cascade in a browser", () => {
  const suite = useCascadeInBrowser();
  signInTests(suite);
  peopleTests(suite);
  scopingTests(suite);
  phoneTests(suite);
});
