import { describe, expect, it } from "vitest";
import {
  isIri,
  isIsoDuration,
  isIsoTimestamp,
  isLanguageTag,
  isUuid,
  validateAgent,
  validateStatement,
  type XapiVersion,
} from "./validate-statement.js";

type Json = Record<string, unknown>;

/** Marks a property to delete in `variant`. */
const REMOVE = Symbol("remove");

const COURSE = "https://cascade.example/xapi/courses/safety-101";

/** A statement as a course player sends it: the shape most of the traffic has. */
function typical(): Json {
  return {
    id: "fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
    actor: { objectType: "Agent", name: "Ada Lovelace", mbox: "mailto:ada@example.com" },
    verb: { id: "http://adlnet.gov/expapi/verbs/completed", display: { "en-US": "completed" } },
    object: {
      objectType: "Activity",
      id: `${COURSE}/module-1`,
      definition: {
        name: { "en-US": "Module 1", de: "Modul 1" },
        type: "http://adlnet.gov/expapi/activities/module",
      },
    },
    result: {
      completion: true,
      success: true,
      score: { scaled: 0.9, raw: 90, min: 0, max: 100 },
      duration: "PT12M30.5S",
    },
    context: {
      registration: "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
      contextActivities: { parent: [{ id: COURSE, objectType: "Activity" }] },
      platform: "Cascade",
      language: "en-US",
    },
    timestamp: "2024-05-01T10:00:00.123Z",
  };
}

/** Every optional property of a statement, each used once. */
function full(): Json {
  return {
    ...typical(),
    actor: {
      objectType: "Group",
      name: "Team PB",
      mbox: "mailto:teampb@example.com",
      member: [
        { name: "Andrew", account: { homePage: "http://www.example.com", name: "13936749" } },
        { name: "Toby", openid: "http://toby.openid.example.org/", objectType: "Agent" },
        { mbox_sha1sum: "ebd31e95054c018b10727ccffd2ef2ec3a016ee9" },
      ],
    },
    object: {
      id: "http://example.com/questions/q1",
      definition: {
        name: { "en-US": "Question 1" },
        description: { "en-US": "Which of these are safe?" },
        type: "http://adlnet.gov/expapi/activities/cmi.interaction",
        moreInfo: "https://example.com/questions/q1.html",
        interactionType: "choice",
        correctResponsesPattern: ["golf[,]tetris"],
        choices: [
          { id: "golf", description: { "en-US": "Golf Example" } },
          { id: "tetris", description: { "en-US": "Tetris Example" } },
          { id: "scrabble" },
        ],
        extensions: { "http://example.com/ext/difficulty": 3 },
      },
    },
    result: {
      score: { scaled: -0.5, raw: -5, min: -10, max: 10 },
      success: false,
      completion: true,
      response: "golf[,]tetris",
      duration: "P1DT2H",
      extensions: { "http://example.com/ext/attempt": { n: 2, hints: null } },
    },
    context: {
      registration: "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
      instructor: { objectType: "Group", account: { homePage: "https://lms.example", name: "t1" } },
      team: { objectType: "Group", member: [{ mbox: "mailto:a@example.com" }] },
      contextActivities: {
        parent: { id: COURSE },
        grouping: [{ id: "https://cascade.example/programs/onboarding" }],
        category: [{ id: "https://w3id.org/xapi/cmi5/context/categories/cmi5" }],
        other: [{ id: "https://example.com/textbook", definition: { name: { en: "Book" } } }],
      },
      revision: "rev-3",
      platform: "Cascade",
      language: "zh-Hant-TW",
      statement: { objectType: "StatementRef", id: "8f87ccde-bb56-4c2e-ab83-44982ef22df0" },
      extensions: { "http://example.com/ext/altitude": 1200, "urn:example:null": null },
    },
    timestamp: "2024-05-01T12:00:00+02:00",
    stored: "2024-05-01T10:00:01.000Z",
    authority: {
      objectType: "Group",
      member: [
        {
          account: {
            homePage: "http://example.com/xAPI/OAuth/Token",
            name: "oauth_consumer_x75db",
          },
        },
        { mbox: "mailto:bob@example.com" },
      ],
    },
    version: "1.0.0",
    attachments: [
      {
        usageType: "http://adlnet.gov/expapi/attachments/signature",
        display: { "en-US": "Signature" },
        description: { "en-US": "A test signature" },
        contentType: "application/octet-stream",
        length: 4235,
        sha2: "672fa5fa658017f1b72d65036f13379c6ab05d4ab3b6664908d8acf0b6a0c634",
        fileUrl: "https://example.com/files/signature",
      },
    ],
  };
}

/** cmi5 "completed" statement for an AU (cmi5 spec 9.3, 9.6). */
function cmi5(): Json {
  return {
    id: "2a41c918-b88b-4b20-a0a5-a4c32391aaa0",
    actor: { objectType: "Agent", account: { homePage: "https://lms.example.com", name: "ada" } },
    verb: { id: "http://adlnet.gov/expapi/verbs/completed", display: { "en-US": "completed" } },
    object: {
      objectType: "Activity",
      id: "https://example.com/cmi5/au/1",
      definition: { type: "https://w3id.org/xapi/cmi5/activitytype/block" },
    },
    result: { completion: true, duration: "PT30M" },
    context: {
      registration: "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
      contextActivities: {
        category: [
          { id: "https://w3id.org/xapi/cmi5/context/categories/cmi5" },
          { id: "https://w3id.org/xapi/cmi5/context/categories/moveon" },
        ],
        grouping: [{ id: "https://example.com/cmi5/course/1" }],
      },
      extensions: {
        "https://w3id.org/xapi/cmi5/context/extensions/sessionid": "458240298378231",
      },
    },
    timestamp: "2024-05-01T10:00:00.000Z",
  };
}

function subStatement(): Json {
  return {
    actor: { objectType: "Agent", mbox: "mailto:test@example.com" },
    verb: { id: "http://example.com/planned", display: { "en-US": "planned" } },
    object: {
      objectType: "SubStatement",
      actor: { objectType: "Agent", mbox: "mailto:test@example.com" },
      verb: { id: "http://example.com/visited", display: { "en-US": "will visit" } },
      object: { objectType: "Activity", id: "http://example.com/website" },
      result: { completion: true },
      context: { platform: "Web" },
      timestamp: "2030-01-01T00:00:00Z",
    },
  };
}

function voiding(): Json {
  return {
    actor: { objectType: "Agent", name: "Example Admin", mbox: "mailto:admin@example.com" },
    verb: { id: "http://adlnet.gov/expapi/verbs/voided", display: { "en-US": "voided" } },
    object: { objectType: "StatementRef", id: "e05aa883-acaf-40ad-bf54-02c8ce485fb0" },
  };
}

/** xAPI 2.0: contextAgents and contextGroups (IEEE 9274.1.1). */
function withContextAgents(): Json {
  return variant({
    version: "2.0.0",
    "context.contextAgents": [
      {
        objectType: "contextAgent",
        agent: { objectType: "Agent", mbox: "mailto:player-1@example.com" },
        relevantTypes: ["https://example.com/activity-types/personnel/player"],
      },
      { objectType: "contextAgent", agent: { mbox: "mailto:coach@example.com" } },
    ],
    "context.contextGroups": [
      {
        objectType: "contextGroup",
        group: {
          objectType: "Group",
          mbox: "mailto:team-1@example.com",
          member: [{ objectType: "Agent", mbox: "mailto:player-1@example.com" }],
        },
        relevantTypes: ["https://example.com/activity-types/team/a"],
      },
    ],
  });
}

/** A copy of `base` with dotted paths set (or removed with REMOVE). */
function variant(changes: Record<string, unknown>, base: Json = typical()): Json {
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split(".");
    let target = base;
    for (const key of keys.slice(0, -1)) target = target[key] as Json;
    const last = keys[keys.length - 1] as string;
    if (value === REMOVE) delete target[last];
    else target[last] = value;
  }
  return base;
}

describe("validateStatement: valid statements", () => {
  const valid: [string, () => Json, XapiVersion[]][] = [
    ["a typical statement", typical, ["1.0.3", "2.0.0"]],
    ["a full statement with every optional property", full, ["1.0.3", "2.0.0"]],
    ["a cmi5 statement", cmi5, ["1.0.3", "2.0.0"]],
    ["a SubStatement", subStatement, ["1.0.3", "2.0.0"]],
    ["a voiding statement", voiding, ["1.0.3", "2.0.0"]],
    ["a 2.0 statement with contextAgents and contextGroups", withContextAgents, ["2.0.0"]],
    [
      "the simplest statement of the specification (Data 2.4.s2)",
      () => ({
        id: "12345678-1234-5678-1234-567812345678",
        actor: { mbox: "mailto:xapi@adlnet.gov" },
        verb: { id: "http://adlnet.gov/expapi/verbs/created", display: { "en-US": "created" } },
        object: { id: "http://example.adlnet.gov/xapi/example/activity" },
      }),
      ["1.0.3", "2.0.0"],
    ],
    [
      "an Agent as the object, with context but no revision or platform",
      () =>
        variant({
          object: { objectType: "Agent", mbox: "mailto:ben@example.com" },
          "context.platform": REMOVE,
        }),
      ["1.0.3", "2.0.0"],
    ],
    [
      "an anonymous Group as the actor",
      () => variant({ actor: { objectType: "Group", member: [{ mbox: "mailto:a@example.com" }] } }),
      ["1.0.3", "2.0.0"],
    ],
    [
      "a single Activity (not an array) as a context activity",
      () => variant({ "context.contextActivities": { parent: { id: COURSE } } }),
      ["1.0.3", "2.0.0"],
    ],
    [
      "an authority that is a single Agent",
      () => variant({ authority: { mbox: "mailto:lrs@example.com" } }),
      ["1.0.3", "2.0.0"],
    ],
    ["a 1.0.x version", () => variant({ version: "1.0.3" }), ["1.0.3", "2.0.0"]],
    [
      "a timestamp without a time zone (xAPI 1.0.3 only recommends one)",
      () => variant({ timestamp: "2024-05-01T10:00:00.123" }),
      ["1.0.3"],
    ],
    [
      "a timestamp with a space separator (RFC 3339)",
      () => variant({ timestamp: "2008-09-15 15:53:00.601+00:00" }),
      ["1.0.3", "2.0.0"],
    ],
    [
      "a loose context.language in 1.0.3 (its conformance suite expects it stored)",
      () => variant({ "context.language": "supercalifragilisticexpialidociouswhatabouthhhhhhh1" }),
      ["1.0.3"],
    ],
  ];

  for (const [name, make, versions] of valid) {
    for (const version of versions) {
      it(`accepts ${name} (${version})`, () => {
        expect(validateStatement(make(), version)).toBeNull();
      });
    }
  }

  it("accepts the interaction activities of every interactionType (Data Appendix C)", () => {
    const definitions: Json[] = [
      { interactionType: "true-false", correctResponsesPattern: ["true"] },
      { interactionType: "fill-in", correctResponsesPattern: ["Bob's your uncle"] },
      {
        interactionType: "long-fill-in",
        correctResponsesPattern: ["{case_matters=false}{lang=en}x"],
      },
      { interactionType: "numeric", correctResponsesPattern: ["4[:]"] },
      { interactionType: "other", correctResponsesPattern: ["(35.937432,-86.868896)"] },
      { interactionType: "sequencing", choices: [{ id: "tim" }, { id: "ben" }] },
      { interactionType: "likert", scale: [{ id: "likert_0", description: { "en-US": "No" } }] },
      {
        interactionType: "matching",
        source: [{ id: "ben" }, { id: "chris" }],
        target: [{ id: "1" }, { id: "2" }],
        correctResponsesPattern: ["ben[.]3[,]chris[.]2"],
      },
      { interactionType: "performance", steps: [{ id: "pong" }], correctResponsesPattern: [] },
    ];
    for (const definition of definitions) {
      const statement = variant({ "object.definition": definition });
      expect(validateStatement(statement, "1.0.3"), JSON.stringify(definition)).toBeNull();
    }
  });

  it("does not change the statement it validates", () => {
    const statement = full();
    const before = JSON.stringify(statement);
    validateStatement(statement, "2.0.0");
    expect(JSON.stringify(statement)).toBe(before);
  });

  it("validates 20,000 typical statements", () => {
    const statements = Array.from({ length: 20_000 }, (_, i) =>
      variant({
        id: `fd41c918-b88b-4b20-a0a5-${String(i).padStart(12, "0")}`,
        "actor.mbox": `mailto:learner${i}@example.com`,
        "result.score.raw": i % 101,
      }),
    );
    let invalid = 0;
    for (let i = 0; i < statements.length; i++) {
      if (validateStatement(statements[i], "2.0.0", `statements[${i}]`) !== null) invalid++;
    }
    expect(invalid).toBe(0);
  });
});

interface Rejection {
  rule: string;
  statement: Json;
  path: string;
  message: string;
  version?: XapiVersion;
}

const agentWithTwoIfis = { mbox: "mailto:a@example.com", openid: "http://a.example.com/" };
const attachment = (full().attachments as Json[])[0] as Json;

const rejections: Rejection[] = [
  // Statement (Data 2.2, 2.4)
  {
    rule: "an unknown statement property",
    statement: variant({ foo: 1 }),
    path: "statement.foo",
    message: 'unknown property "foo"',
  },
  {
    rule: "a property with the wrong case",
    statement: variant({ iD: "fd41c918-b88b-4b20-a0a5-a4c32391aaa0" }),
    path: "statement.iD",
    message: 'unknown property "iD"',
  },
  {
    rule: "a null property",
    statement: variant({ result: null }),
    path: "statement.result",
    message: "must not be null",
  },
  {
    rule: "a missing actor",
    statement: variant({ actor: REMOVE }),
    path: "statement.actor",
    message: "is required",
  },
  {
    rule: "a missing verb",
    statement: variant({ verb: REMOVE }),
    path: "statement.verb",
    message: "is required",
  },
  {
    rule: "a missing object",
    statement: variant({ object: REMOVE }),
    path: "statement.object",
    message: "is required",
  },
  {
    rule: "an id that is not a UUID",
    statement: variant({ id: "AA97B177-9383-4934-8543-0F91A7A028368" }),
    path: "statement.id",
    message: "must be a UUID",
  },
  {
    rule: "an id given as a number",
    statement: variant({ id: 12345 }),
    path: "statement.id",
    message: "must be a UUID string (found a number)",
  },
  // Agents and Groups (Data 2.4.2)
  {
    rule: "an Agent without an identifier",
    statement: variant({ actor: { objectType: "Agent", name: "Ada" } }),
    path: "statement.actor",
    message: "exactly one of mbox, mbox_sha1sum, openid, account (found none)",
  },
  {
    rule: "an Agent with two identifiers",
    statement: variant({ actor: agentWithTwoIfis }),
    path: "statement.actor",
    message:
      "must identify the agent with exactly one of mbox, mbox_sha1sum, openid, account (found 2: mbox, openid)",
  },
  {
    rule: "an mbox without mailto:",
    statement: variant({ "actor.mbox": "ada@example.com" }),
    path: "statement.actor.mbox",
    message: 'must be a "mailto:" IRI',
  },
  {
    rule: "an mbox without an address",
    statement: variant({ "actor.mbox": "mailto:" }),
    path: "statement.actor.mbox",
    message: "with an e-mail address",
  },
  {
    rule: "an mbox_sha1sum that is not 40 hex digits",
    statement: variant({ actor: { mbox_sha1sum: "ebd31e95054c018b10727ccffd2ef2ec3a016ee" } }),
    path: "statement.actor.mbox_sha1sum",
    message: "40 hexadecimal digits",
  },
  {
    rule: "an openid that is not an IRI",
    statement: variant({ actor: { openid: "toby" } }),
    path: "statement.actor.openid",
    message: "must be an absolute IRI",
  },
  {
    rule: "an account without homePage",
    statement: variant({ actor: { account: { name: "ada" } } }),
    path: "statement.actor.account.homePage",
    message: "is required",
  },
  {
    rule: "an account without name",
    statement: variant({ actor: { account: { homePage: "https://lms.example" } } }),
    path: "statement.actor.account.name",
    message: "is required",
  },
  {
    rule: "an account homePage that is not an IRI",
    statement: variant({ actor: { account: { homePage: "lms.example", name: "ada" } } }),
    path: "statement.actor.account.homePage",
    message: "must be an absolute IRI",
  },
  {
    rule: "an account name that is not a string",
    statement: variant({ actor: { account: { homePage: "https://lms", name: { key: "x" } } } }),
    path: "statement.actor.account.name",
    message: "must be a string",
  },
  {
    rule: "an unknown account property",
    statement: variant({ actor: { account: { homePage: "https://l", name: "a", id: 1 } } }),
    path: "statement.actor.account.id",
    message: 'unknown property "id"',
  },
  {
    rule: "an Agent name that is not a string",
    statement: variant({ "actor.name": 42 }),
    path: "statement.actor.name",
    message: "must be a string",
  },
  {
    rule: "an objectType with the wrong case",
    statement: variant({ "actor.objectType": "agent" }),
    path: "statement.actor.objectType",
    message: 'must be "Agent" or "Group"',
  },
  {
    rule: "an unknown Agent property",
    statement: variant({ "actor.email": "ada@example.com" }),
    path: "statement.actor.email",
    message: 'unknown property "email"',
  },
  {
    rule: "members in an Agent",
    statement: variant({ "actor.member": [] }),
    path: "statement.actor.member",
    message: 'is only allowed in a Group (objectType "Group")',
  },
  {
    rule: "an anonymous Group without members",
    statement: variant({ actor: { objectType: "Group", name: "Team" } }),
    path: "statement.actor.member",
    message: "is required in an anonymous Group",
  },
  {
    rule: "an anonymous Group with no members",
    statement: variant({ actor: { objectType: "Group", member: [] } }),
    path: "statement.actor.member",
    message: "must not be empty",
  },
  {
    rule: "a Group with two identifiers",
    statement: variant({ actor: { objectType: "Group", ...agentWithTwoIfis } }),
    path: "statement.actor",
    message: "at most one of mbox, mbox_sha1sum, openid, account (found 2: mbox, openid)",
  },
  {
    rule: "a Group inside a Group",
    statement: variant({
      actor: {
        objectType: "Group",
        member: [{ objectType: "Group", mbox: "mailto:team@example.com" }],
      },
    }),
    path: "statement.actor.member[0].objectType",
    message: "a Group cannot contain Groups",
  },
  {
    rule: "a Group member without an identifier",
    statement: variant({ actor: { objectType: "Group", member: [{ name: "Ada" }] } }),
    path: "statement.actor.member[0]",
    message: "found none",
  },
  {
    rule: "members that are not an array",
    statement: variant({ actor: { objectType: "Group", member: { mbox: "mailto:a@b.c" } } }),
    path: "statement.actor.member",
    message: "must be an array of Agents",
  },
  // Verb (Data 2.4.3)
  {
    rule: "a verb without id",
    statement: variant({ "verb.id": REMOVE }),
    path: "statement.verb.id",
    message: "is required",
  },
  {
    rule: "a verb id that is not an IRI",
    statement: variant({ "verb.id": "completed" }),
    path: "statement.verb.id",
    message: "must be an absolute IRI with a scheme",
  },
  {
    rule: "an empty display language map",
    statement: variant({ "verb.display": {} }),
    path: "statement.verb.display",
    message: "at least one language",
  },
  {
    rule: "a display that is a string",
    statement: variant({ "verb.display": "completed" }),
    path: "statement.verb.display",
    message: "must be a language map object",
  },
  {
    rule: "a language map key that is not a language tag",
    statement: variant({ "verb.display": { "de-419-DE": "besucht" } }),
    path: "statement.verb.display",
    message: 'key "de-419-DE" is not an RFC 5646 language tag',
  },
  {
    rule: "a null language map value",
    statement: variant({ "verb.display": { "en-US": null } }),
    path: "statement.verb.display.en-US",
    message: "must be a string (found null)",
  },
  {
    rule: "an unknown verb property",
    statement: variant({ "verb.name": { "en-US": "completed" } }),
    path: "statement.verb.name",
    message: 'unknown property "name"',
  },
  // Activity (Data 2.4.4.1)
  {
    rule: "an Activity without id",
    statement: variant({ "object.id": REMOVE }),
    path: "statement.object.id",
    message: "is required",
  },
  {
    rule: "an Activity id without a scheme",
    statement: variant({ "object.id": "/courses/1" }),
    path: "statement.object.id",
    message: "must be an absolute IRI",
  },
  {
    rule: "an unknown object objectType",
    statement: variant({ "object.objectType": "activity" }),
    path: "statement.object.objectType",
    message: 'must be one of "Activity", "Agent", "Group", "StatementRef", "SubStatement"',
  },
  {
    rule: "an unknown Activity property",
    statement: variant({ "object.name": "Module 1" }),
    path: "statement.object.name",
    message: 'unknown property "name"',
  },
  {
    rule: "an Agent as object without objectType",
    statement: variant({ object: { mbox: "mailto:ben@example.com" } }),
    path: "statement.object.objectType",
    message: 'is required ("Agent" or "Group")',
  },
  {
    rule: "a definition name that is not a language map",
    statement: variant({ "object.definition.name": "Module 1" }),
    path: "statement.object.definition.name",
    message: "must be a language map",
  },
  {
    rule: "a definition type that is not an IRI",
    statement: variant({ "object.definition.type": "module" }),
    path: "statement.object.definition.type",
    message: "must be an absolute IRI",
  },
  {
    rule: "a moreInfo that is not an IRL",
    statement: variant({ "object.definition.moreInfo": "example.com/info" }),
    path: "statement.object.definition.moreInfo",
    message: "must be an absolute IRI",
  },
  {
    rule: "an extension key that is not an IRI",
    statement: variant({ "object.definition.extensions": { difficulty: 3 } }),
    path: "statement.object.definition.extensions",
    message: 'key "difficulty" must be an absolute IRI',
  },
  {
    rule: "extensions that are not an object",
    statement: variant({ "result.extensions": ["http://example.com/x"] }),
    path: "statement.result.extensions",
    message: "must be an object (found an array)",
  },
  {
    rule: "an unknown definition property",
    statement: variant({ "object.definition.title": { en: "x" } }),
    path: "statement.object.definition.title",
    message: 'unknown property "title"',
  },
  {
    rule: "an interactionType with the wrong case",
    statement: variant({ "object.definition.interactionType": "Choice" }),
    path: "statement.object.definition.interactionType",
    message: 'must be one of "true-false", "choice"',
  },
  {
    rule: "a correctResponsesPattern without interactionType",
    statement: variant({ "object.definition.correctResponsesPattern": ["a"] }),
    path: "statement.object.definition.correctResponsesPattern",
    message: "requires interactionType",
  },
  {
    rule: "a correctResponsesPattern that is not strings",
    statement: variant({
      "object.definition.interactionType": "numeric",
      "object.definition.correctResponsesPattern": [4],
    }),
    path: "statement.object.definition.correctResponsesPattern[0]",
    message: "must be a string",
  },
  {
    rule: "a component list without interactionType",
    statement: variant({ "object.definition.choices": [{ id: "a" }] }),
    path: "statement.object.definition.choices",
    message: "requires interactionType",
  },
  {
    rule: "choices on a true-false interaction",
    statement: variant({
      "object.definition.interactionType": "true-false",
      "object.definition.choices": [{ id: "a" }],
    }),
    path: "statement.object.definition.choices",
    message: 'is not allowed for interactionType "true-false"',
  },
  {
    rule: "a scale on a choice interaction",
    statement: variant({
      "object.definition.interactionType": "choice",
      "object.definition.scale": [{ id: "a" }],
    }),
    path: "statement.object.definition.scale",
    message: 'is not allowed for interactionType "choice"',
  },
  {
    rule: "an interaction component without id",
    statement: variant({
      "object.definition.interactionType": "choice",
      "object.definition.choices": [{ id: "a" }, { description: { en: "B" } }],
    }),
    path: "statement.object.definition.choices[1].id",
    message: "is required",
  },
  {
    rule: "duplicate interaction component ids",
    statement: variant({
      "object.definition.interactionType": "matching",
      "object.definition.source": [{ id: "a" }, { id: "a" }],
    }),
    path: "statement.object.definition.source[1].id",
    message: 'duplicate id "a"',
  },
  {
    rule: "an unknown interaction component property",
    statement: variant({
      "object.definition.interactionType": "performance",
      "object.definition.steps": [{ id: "a", name: "A" }],
    }),
    path: "statement.object.definition.steps[0].name",
    message: 'unknown property "name"',
  },
  // StatementRef and SubStatement (Data 2.4.4.3)
  {
    rule: "a StatementRef whose id is not a UUID",
    statement: variant({ object: { objectType: "StatementRef", id: "statement-1" } }),
    path: "statement.object.id",
    message: "must be a UUID",
  },
  {
    rule: "a StatementRef without id",
    statement: variant({ "object.id": REMOVE }, voiding()),
    path: "statement.object.id",
    message: "is required",
  },
  {
    rule: "an unknown StatementRef property",
    statement: variant({ "object.definition": { name: { en: "x" } } }, voiding()),
    path: "statement.object.definition",
    message: 'unknown property "definition"',
  },
  {
    rule: "an id in a SubStatement",
    statement: variant({ "object.id": "fd41c918-b88b-4b20-a0a5-a4c32391aaa0" }, subStatement()),
    path: "statement.object.id",
    message: "is not allowed in a SubStatement",
  },
  {
    rule: "an authority in a SubStatement",
    statement: variant({ "object.authority": { mbox: "mailto:a@b.c" } }, subStatement()),
    path: "statement.object.authority",
    message: "is not allowed in a SubStatement",
  },
  {
    rule: "a stored in a SubStatement",
    statement: variant({ "object.stored": "2024-05-01T10:00:00Z" }, subStatement()),
    path: "statement.object.stored",
    message: "is not allowed in a SubStatement",
  },
  {
    rule: "a version in a SubStatement",
    statement: variant({ "object.version": "1.0.0" }, subStatement()),
    path: "statement.object.version",
    message: "is not allowed in a SubStatement",
  },
  {
    rule: "a SubStatement in a SubStatement",
    statement: variant({ "object.object": subStatement().object }, subStatement()),
    path: "statement.object.object.objectType",
    message: "is not allowed in a SubStatement",
  },
  {
    rule: "a SubStatement without verb",
    statement: variant({ "object.verb": REMOVE }, subStatement()),
    path: "statement.object.verb",
    message: "is required",
  },
  {
    rule: "an invalid statement inside a SubStatement",
    statement: variant({ "object.actor.mbox": "test@example.com" }, subStatement()),
    path: "statement.object.actor.mbox",
    message: 'must be a "mailto:" IRI',
  },
  // Result and Score (Data 2.4.5)
  {
    rule: "a scaled score above 1",
    statement: variant({ "result.score.scaled": 1.5 }),
    path: "statement.result.score.scaled",
    message: "must be between -1 and 1",
  },
  {
    rule: "a raw score above max",
    statement: variant({ "result.score.raw": 101 }),
    path: "statement.result.score.raw",
    message: "must be at most max (100)",
  },
  {
    rule: "a raw score below min",
    statement: variant({ "result.score.raw": -1 }),
    path: "statement.result.score.raw",
    message: "must be at least min (0)",
  },
  {
    rule: "a min that is not below max",
    statement: variant({ "result.score.min": 100, "result.score.raw": 100 }),
    path: "statement.result.score.min",
    message: "must be less than max (100)",
  },
  {
    rule: "a number given as a string",
    statement: variant({ "result.score.max": "100" }),
    path: "statement.result.score.max",
    message: "must be a number (found a string)",
  },
  {
    rule: "an unknown score property",
    statement: variant({ "result.score.percent": 90 }),
    path: "statement.result.score.percent",
    message: 'unknown property "percent"',
  },
  {
    rule: "a boolean given as a string",
    statement: variant({ "result.completion": "false" }),
    path: "statement.result.completion",
    message: "must be a boolean (found a string)",
  },
  {
    rule: "a success that is not a boolean",
    statement: variant({ "result.success": 1 }),
    path: "statement.result.success",
    message: "must be a boolean",
  },
  {
    rule: "a response that is not a string",
    statement: variant({ "result.response": 42 }),
    path: "statement.result.response",
    message: "must be a string (found a number)",
  },
  {
    rule: "a duration that is not ISO 8601",
    statement: variant({ "result.duration": "PA1H0M0S" }),
    path: "statement.result.duration",
    message: "must be an ISO 8601 duration",
  },
  {
    rule: "weeks combined with days in a duration",
    statement: variant({ "result.duration": "P4W1D" }),
    path: "statement.result.duration",
    message: "must be an ISO 8601 duration",
  },
  {
    rule: "an unknown result property",
    statement: variant({ "result.passed": true }),
    path: "statement.result.passed",
    message: 'unknown property "passed"',
  },
  // Context (Data 2.4.6)
  {
    rule: "a registration that is not a UUID",
    statement: variant({ "context.registration": "attempt-1" }),
    path: "statement.context.registration",
    message: "must be a UUID",
  },
  {
    rule: "an instructor without an identifier",
    statement: variant({ "context.instructor": { name: "Ms Smith" } }),
    path: "statement.context.instructor",
    message: "found none",
  },
  {
    rule: "a team that is not a Group",
    statement: variant({ "context.team": { mbox: "mailto:team@example.com" } }),
    path: "statement.context.team.objectType",
    message: 'must be "Group"',
  },
  {
    rule: "an unknown contextActivities key",
    statement: variant({ "context.contextActivities.parents": [{ id: COURSE }] }),
    path: "statement.context.contextActivities.parents",
    message: "must be one of parent, grouping, category, other",
  },
  {
    rule: "a context activity without id",
    statement: variant({ "context.contextActivities.parent": [{ objectType: "Activity" }] }),
    path: "statement.context.contextActivities.parent[0].id",
    message: "is required",
  },
  {
    rule: "a context activity id that is not an IRI",
    statement: variant({ "context.contextActivities.grouping": { id: "course 1" } }),
    path: "statement.context.contextActivities.grouping.id",
    message: "must be an absolute IRI",
  },
  {
    rule: "a context activity that is not an Activity",
    statement: variant({
      "context.contextActivities.other": [{ objectType: "Agent", mbox: "mailto:a@b.c" }],
    }),
    path: "statement.context.contextActivities.other[0].objectType",
    message: 'must be "Activity"',
  },
  {
    rule: "a context activity given as a string",
    statement: variant({ "context.contextActivities.category": COURSE }),
    path: "statement.context.contextActivities.category",
    message: "must be an Activity or an array of Activities",
  },
  {
    rule: "a revision when the object is not an Activity",
    statement: variant({ context: { revision: "2" } }, voiding()),
    path: "statement.context.revision",
    message: "is only allowed when the statement's object is an Activity",
  },
  {
    rule: "a platform when the object is an Agent",
    statement: variant({ object: { objectType: "Agent", mbox: "mailto:ben@example.com" } }),
    path: "statement.context.platform",
    message: "is only allowed when the statement's object is an Activity",
  },
  {
    rule: "a context language that is not a language tag",
    statement: variant({ "context.language": "en_US" }),
    path: "statement.context.language",
    message: "must be an RFC 5646 language tag",
  },
  {
    rule: "a 2.0 context language that is not a language tag",
    statement: variant({ "context.language": "something" }),
    path: "statement.context.language",
    message: "must be an RFC 5646 language tag",
    version: "2.0.0",
  },
  {
    rule: "a context statement without objectType",
    statement: variant({ "context.statement": { id: "8f87ccde-bb56-4c2e-ab83-44982ef22df0" } }),
    path: "statement.context.statement.objectType",
    message: 'is required: must be "StatementRef"',
  },
  {
    rule: "an unknown context property",
    statement: variant({ "context.session": "abc" }),
    path: "statement.context.session",
    message: 'unknown property "session"',
  },
  {
    rule: "contextAgents in a 1.0.3 request",
    statement: variant({ version: REMOVE }, withContextAgents()),
    path: "statement.context.contextAgents",
    message: "it was added in xAPI 2.0",
    version: "1.0.3",
  },
  {
    rule: "a contextAgent with the wrong objectType",
    statement: variant({ "context.contextAgents.0.objectType": "Agent" }, withContextAgents()),
    path: "statement.context.contextAgents[0].objectType",
    message: 'must be "contextAgent"',
    version: "2.0.0",
  },
  {
    rule: "a contextAgent without objectType",
    statement: variant({ "context.contextAgents.1.objectType": REMOVE }, withContextAgents()),
    path: "statement.context.contextAgents[1].objectType",
    message: 'is required: must be "contextAgent"',
    version: "2.0.0",
  },
  {
    rule: "a contextAgent without agent",
    statement: variant({ "context.contextAgents.1.agent": REMOVE }, withContextAgents()),
    path: "statement.context.contextAgents[1].agent",
    message: "is required",
    version: "2.0.0",
  },
  {
    rule: "a contextAgent whose agent is invalid",
    statement: variant({ "context.contextAgents.0.agent": { key: "x" } }, withContextAgents()),
    path: "statement.context.contextAgents[0].agent.key",
    message: 'unknown property "key"',
    version: "2.0.0",
  },
  {
    rule: "a contextAgent whose agent is a Group",
    statement: variant(
      { "context.contextAgents.0.agent.objectType": "Group" },
      withContextAgents(),
    ),
    path: "statement.context.contextAgents[0].agent.objectType",
    message: 'must be "Agent"',
    version: "2.0.0",
  },
  {
    rule: "empty relevantTypes",
    statement: variant({ "context.contextAgents.0.relevantTypes": [] }, withContextAgents()),
    path: "statement.context.contextAgents[0].relevantTypes",
    message: "must not be empty",
    version: "2.0.0",
  },
  {
    rule: "relevantTypes that are not IRIs",
    statement: variant({ "context.contextGroups.0.relevantTypes": ["abc"] }, withContextAgents()),
    path: "statement.context.contextGroups[0].relevantTypes[0]",
    message: "must be an absolute IRI",
    version: "2.0.0",
  },
  {
    rule: "a contextGroup whose group is an Agent",
    statement: variant(
      { "context.contextGroups.0.group": { mbox: "mailto:a@example.com" } },
      withContextAgents(),
    ),
    path: "statement.context.contextGroups[0].group.objectType",
    message: 'is required: must be "Group"',
    version: "2.0.0",
  },
  {
    rule: "an agent property in a contextGroup",
    statement: variant(
      { "context.contextGroups.0.agent": { mbox: "mailto:a@example.com" } },
      withContextAgents(),
    ),
    path: "statement.context.contextGroups[0].agent",
    message: 'unknown property "agent"',
    version: "2.0.0",
  },
  // Timestamp, stored, version, authority (Data 2.4.7-2.4.10, 4.5)
  {
    rule: "a timestamp that is not a date",
    statement: variant({ timestamp: "01/011/2015" }),
    path: "statement.timestamp",
    message: "must be an ISO 8601 date and time",
  },
  {
    rule: "a timestamp on a day that does not exist",
    statement: variant({ timestamp: "2023-02-29T10:00:00Z" }),
    path: "statement.timestamp",
    message: "must be an ISO 8601 date and time",
  },
  {
    rule: "a timestamp with the -00:00 offset",
    statement: variant({ timestamp: "2008-09-15T15:53:00.601-00:00" }),
    path: "statement.timestamp",
    message: 'must not use the "-00:00" offset',
  },
  {
    rule: "a timestamp with the -0000 offset",
    statement: variant({ timestamp: "2008-09-15T15:53:00.601-0000" }),
    path: "statement.timestamp",
    message: 'must not use the "-00:00" offset',
  },
  {
    rule: "a timestamp with the -00 offset",
    statement: variant({ timestamp: "2008-09-15T15:53:00.601-00" }),
    path: "statement.timestamp",
    message: 'must not use the "-00:00" offset',
  },
  {
    rule: "a 2.0 timestamp without a time zone",
    statement: variant({ timestamp: "2024-05-01T10:00:00.123" }),
    path: "statement.timestamp",
    message: "must include a time zone",
    version: "2.0.0",
  },
  {
    rule: "a stored that is not a timestamp",
    statement: variant({ stored: "yesterday" }),
    path: "statement.stored",
    message: "must be an ISO 8601 date and time",
  },
  {
    rule: "a 2.0.0 version in a 1.0.3 request",
    statement: variant({ version: "2.0.0" }),
    path: "statement.version",
    message: 'must be "1.0.x" (start with "1.0.")',
    version: "1.0.3",
  },
  {
    rule: "a version that is neither 1.0.x nor 2.0.0",
    statement: variant({ version: "1.1.0" }),
    path: "statement.version",
    message: 'must be "2.0.0" or "1.0.x"',
    version: "2.0.0",
  },
  {
    rule: "a version given as a number",
    statement: variant({ version: 1.0 }),
    path: "statement.version",
    message: "must be a string",
  },
  {
    rule: "an authority Group without exactly two Agents",
    statement: variant({
      authority: { objectType: "Group", member: [{ mbox: "mailto:bob@example.com" }] },
    }),
    path: "statement.authority.member",
    message: "must list exactly two Agents",
  },
  {
    rule: "an invalid authority Agent",
    statement: variant({ authority: { mbox: "bob@example.com" } }),
    path: "statement.authority.mbox",
    message: 'must be a "mailto:" IRI',
  },
  // Attachments (Data 2.4.11)
  {
    rule: "attachments that are not an array",
    statement: variant({ attachments: attachment }),
    path: "statement.attachments",
    message: "must be an array of attachments",
  },
  {
    rule: "an attachment without display",
    statement: variant({ attachments: [{ ...attachment, display: undefined }] }),
    path: "statement.attachments[0].display",
    message: "is required",
  },
  {
    rule: "an attachment without sha2",
    statement: variant({ attachments: [{ ...attachment, sha2: undefined }] }),
    path: "statement.attachments[0].sha2",
    message: "is required",
  },
  {
    rule: "an attachment without usageType",
    statement: variant({ attachments: [{ ...attachment, usageType: undefined }] }),
    path: "statement.attachments[0].usageType",
    message: "is required",
  },
  {
    rule: "an attachment without contentType",
    statement: variant({ attachments: [{ ...attachment, contentType: undefined }] }),
    path: "statement.attachments[0].contentType",
    message: "is required",
  },
  {
    rule: "an attachment without length",
    statement: variant({ attachments: [{ ...attachment, length: undefined }] }),
    path: "statement.attachments[0].length",
    message: "is required",
  },
  {
    rule: "an attachment length that is not an integer",
    statement: variant({ attachments: [{ ...attachment, length: 27.5 }] }),
    path: "statement.attachments[0].length",
    message: "must be a non-negative integer",
  },
  {
    rule: "an attachment length given as a string",
    statement: variant({ attachments: [{ ...attachment, length: "27" }] }),
    path: "statement.attachments[0].length",
    message: "must be a non-negative integer (found a string)",
  },
  {
    rule: "a negative attachment length",
    statement: variant({ attachments: [{ ...attachment, length: -1 }] }),
    path: "statement.attachments[0].length",
    message: "must be a non-negative integer",
  },
  {
    rule: "a sha2 that is not a hex SHA-2 hash",
    statement: variant({ attachments: [{ ...attachment, sha2: "not-a-hash" }] }),
    path: "statement.attachments[0].sha2",
    message: "must be a SHA-2 hash in hexadecimal",
  },
  {
    rule: "a contentType that is not a media type",
    statement: variant({ attachments: [{ ...attachment, contentType: "pdf" }] }),
    path: "statement.attachments[0].contentType",
    message: "must be an Internet media type",
  },
  {
    rule: "a usageType that is not an IRI",
    statement: variant({ attachments: [{ ...attachment, usageType: "signature" }] }),
    path: "statement.attachments[0].usageType",
    message: "must be an absolute IRI",
  },
  {
    rule: "a fileUrl that is not an IRL",
    statement: variant({ attachments: [{ ...attachment, fileUrl: "files/signature" }] }),
    path: "statement.attachments[0].fileUrl",
    message: "must be an absolute IRI",
  },
  {
    rule: "an attachment description with an invalid language tag",
    statement: variant({
      attachments: [{ ...attachment, description: { "de-419-DE": "Beschreibung" } }],
    }),
    path: "statement.attachments[0].description",
    message: 'key "de-419-DE"',
  },
  {
    rule: "an unknown attachment property",
    statement: variant({ attachments: [{ ...attachment, payload: "abc" }] }),
    path: "statement.attachments[0].payload",
    message: 'unknown property "payload"',
  },
  // Voiding (Data 2.3.2)
  {
    rule: "a voiding statement whose object is not a StatementRef",
    statement: variant({ "verb.id": "http://adlnet.gov/expapi/verbs/voided" }),
    path: "statement.object.objectType",
    message: 'must be "StatementRef" in a voiding statement',
  },
];

describe("validateStatement: rejections", () => {
  for (const { rule, statement, path, message, version } of rejections) {
    // `undefined` stands for a property left out (JSON has no undefined).
    const json = JSON.parse(JSON.stringify(statement)) as Json;
    it(`rejects ${rule}`, () => {
      const found = validateStatement(json, version ?? "1.0.3");
      expect(found?.path).toBe(path);
      expect(found?.message).toContain(message);
    });
  }

  it("rejects a statement that is not an object", () => {
    expect(validateStatement("statement", "1.0.3")).toEqual({
      path: "statement",
      message: "must be an object (found a string)",
    });
    expect(validateStatement([typical()], "2.0.0")?.message).toContain("found an array");
    expect(validateStatement(null, "2.0.0")?.message).toContain("found null");
  });

  it("starts the path with the given root", () => {
    const found = validateStatement(variant({ "actor.mbox": "x" }), "1.0.3", "statements[3]");
    expect(found?.path).toBe("statements[3].actor.mbox");
  });

  it("accepts null values inside extensions only", () => {
    expect(
      validateStatement(variant({ "result.extensions": { "urn:x:y": null } }), "1.0.3"),
    ).toBeNull();
    expect(validateStatement(variant({ "context.platform": null }), "1.0.3")?.path).toBe(
      "statement.context.platform",
    );
  });
});

describe("validateAgent", () => {
  it("accepts an Agent and an identified Group", () => {
    expect(validateAgent({ mbox: "mailto:ada@example.com" }, "agent")).toBeNull();
    expect(
      validateAgent({ objectType: "Group", openid: "https://g.example/1" }, "agent"),
    ).toBeNull();
  });

  it("rejects an anonymous Group", () => {
    expect(
      validateAgent({ objectType: "Group", member: [{ mbox: "mailto:a@b.c" }] }, "agent"),
    ).toEqual({
      path: "agent",
      message:
        "must be an Agent or an identified Group (one of mbox, mbox_sha1sum, openid, account)",
    });
  });

  it("rejects an agent with two identifiers and reports under the root", () => {
    expect(validateAgent(agentWithTwoIfis, "agent")?.message).toContain("(found 2: mbox, openid)");
    expect(validateAgent({ account: { name: "a" } }, "agent")?.path).toBe("agent.account.homePage");
  });
});

describe("format checks", () => {
  it("isIri accepts absolute IRIs and rejects relative or malformed ones", () => {
    for (const iri of [
      "http://example.com/xapi/verbs#defenestrated",
      "https://example.com/فعل/خواندن",
      "urn:uuid:fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
      "mailto:a@example.com",
      "http://example.com/a%20b",
    ]) {
      expect(isIri(iri), iri).toBe(true);
    }
    for (const bad of [
      "",
      "example.com",
      "/relative/path",
      "#fragment",
      "ab=c://should.fail.com",
      "http://exa mple.com",
      "http:",
      "http://example.com/%zz",
      "1http://example.com",
    ]) {
      expect(isIri(bad), bad).toBe(false);
    }
  });

  it("isUuid accepts the standard string form in any case", () => {
    expect(isUuid("fd41c918-b88b-4b20-a0a5-a4c32391aaa0")).toBe(true);
    expect(isUuid("FD41C918-B88B-4B20-A0A5-A4C32391AAA0")).toBe(true);
    for (const bad of [
      "AA97B177-9383-4934-8543-0F91A7A028368",
      "MA97B177-9383-4934-8543-0F91A7A02836",
      "fd41c918b88b4b20a0a5a4c32391aaa0",
      "{fd41c918-b88b-4b20-a0a5-a4c32391aaa0}",
      "",
    ]) {
      expect(isUuid(bad), bad).toBe(false);
    }
  });

  it("isIsoTimestamp accepts ISO 8601 date-times and rejects the rest", () => {
    for (const timestamp of [
      "2013-05-18T05:32:34.804Z",
      "2015-11-18T12:17:00+00:00",
      "2015-11-18T12:17:00.123456-05:30",
      "2015-11-18T12:17:00+0530",
      "2015-11-18T12:17Z",
      "2016-02-29T23:59:60Z",
      "20151118T121700Z",
      "2015-11-18T12:17:00",
    ]) {
      expect(isIsoTimestamp(timestamp), timestamp).toBe(true);
    }
    for (const bad of [
      "should fail",
      "01/011/2015",
      "2015-11-18",
      "2015-13-18T12:17:00Z",
      "2015-11-31T12:17:00Z",
      "2015-11-18T24:00:00Z",
      "2015-11-18T12:17:00+25:00",
      "2015-11-18T12:17:00.601-00:00",
      "2015-11-18T12:17:00 Z",
    ]) {
      expect(isIsoTimestamp(bad), bad).toBe(false);
    }
  });

  it("isIsoDuration accepts the ISO 8601 duration format and the specification's examples", () => {
    for (const duration of [
      "PT4H35M59.14S",
      "P16559.14S",
      "P3Y1M29DT4H35M59.14S",
      "P3Y",
      "P4W",
      "PT1H0M0.1S",
      "PT0S",
      "P1D",
    ]) {
      expect(isIsoDuration(duration), duration).toBe(true);
    }
    for (const bad of [
      "PA1H0M0S",
      "P4W1D",
      "P",
      "PT",
      "P1YT",
      "PT1D",
      "1H",
      "P0001-02-03",
      "pt1h",
    ]) {
      expect(isIsoDuration(bad), bad).toBe(false);
    }
  });

  it("isLanguageTag follows RFC 5646 (conformance suite examples)", () => {
    for (const tag of [
      "de",
      "ine",
      "zh-Hant",
      "sr-Latn",
      "zh-cmn-Hans-CN",
      "sr-Latn-RS",
      "sl-rozaj-biske",
      "de-CH-1901",
      "hy-Latn-IT-arevela",
      "de-DE",
      "es-419",
      "az-Arab-x-AZE-derbend",
      "x-whatever",
      "i-enochian",
      "en-a-bbb-x-a-ccc",
    ]) {
      expect(isLanguageTag(tag), tag).toBe(true);
    }
    for (const bad of [
      "",
      "a12345",
      "de-419-DE",
      "a-DE",
      "ar-a-aaa-b-bbb-a-ccc",
      "zh-z-aaa-z-bbb-c-ccc",
      "something",
      "en_US",
      "en-",
      "de-DE-1901-1901",
    ]) {
      expect(isLanguageTag(bad), bad).toBe(false);
    }
  });
});
