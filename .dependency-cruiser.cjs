// @ts-check
/**
 * Layer rules, enforced by `npm run lint` (dependency-cruiser). Why each rule exists is written
 * beside it; docs/decisions/017-layer-rules.md records the decision. A rule nothing checks goes
 * stale: app/lint-config.test.ts shows that a misplaced import makes this configuration fail.
 *
 * Test files are left out of the graph (see options.exclude). The test helpers (src/test/), e2e and
 * bench are outside the layer rules (they may import what they need to set up a case), not outside
 * the cycle rules.
 */

/** Code that serves the tests: the shared test helpers, the browser suite, the benchmarks (and tests). */
const TEST_CODE = ["\\.test\\.tsx?$", "^src/test/", "^e2e/", "^bench/"];

/** React Router and its packages, wherever npm placed them. */
const REACT_ROUTER = "(^|/)node_modules/(react-router|@react-router/[^/]+)/";

/**
 * The server wiring that starts React Router itself: it is the one place in src/ that must know the
 * framework (the Express app runs the React Router build; the API dispatcher runs its route modules).
 */
const SERVER_WIRING = ["^src/platform/http-server\\.server\\.ts$", "^src/platform/api-dispatch\\.server\\.ts$"];

/**
 * Files that still build React Router responses in src/, each with the reason it is not moved yet.
 * Every entry is debt: move the react-router bit to app/ and delete the entry.
 */
const REACT_ROUTER_DEBT = [
  // The guards throw React Router's data() so that the DSFR error page renders with the error's
  // message. Moving them to app/ first needs the request-level wrappers that still live in src/
  // (requirePassage, requireStructure, requireUserInScope, orErrorPage) to move to the routes.
  "^src/acces/guards\\.server\\.ts$",
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "src-not-to-react-router",
      comment:
        "The domain (src/) does not depend on the web framework: the same use cases serve the pages, the API, " +
        "the CLI and the jobs. Responses, redirects and form replies are built in app/.",
      severity: "error",
      from: { path: "^src/", pathNot: [...TEST_CODE, ...SERVER_WIRING, ...REACT_ROUTER_DEBT] },
      to: { path: REACT_ROUTER },
    },
    {
      name: "src-not-to-app",
      comment:
        "Dependencies point inwards: app/ (routes, components) uses src/, never the other way round, " +
        "so that a use case can run without the UI (CLI, jobs, API).",
      severity: "error",
      from: { path: "^src/", pathNot: TEST_CODE },
      to: { path: "^app/" },
    },
    {
      name: "platform-not-to-capabilities",
      comment:
        "src/platform/ is the technical base every capability builds on (config, logging, time, HTTP, errors); " +
        "it may use the database layer and itself, never a capability folder, or every capability would depend " +
        "on every other through it.",
      severity: "error",
      from: { path: "^src/platform/", pathNot: TEST_CODE },
      to: { path: "^src/", pathNot: ["^src/platform/", "^src/db/"] },
    },
    {
      name: "routes-not-to-db",
      comment:
        "Routes read and write through use cases in src/<capability>/, which own the queries, the tenant scope " +
        "and the audit: a route that reaches the database skips all three.",
      severity: "error",
      from: { path: "^app/routes/", pathNot: TEST_CODE },
      to: { path: "^src/db/" },
    },
    {
      name: "no-capability-cycles",
      comment:
        "Capability folders form a hierarchy: when two folders import each other neither can change, be tested " +
        "or be understood alone. Move what both need to a folder of its own. No folder is exempt.",
      severity: "error",
      scope: "folder",
      from: { path: "^src/" },
      to: { path: "^src/", circular: true },
    },
    {
      name: "no-circular",
      comment:
        "A module cycle makes the import order matter (values undefined at load time) and the modules " +
        "inseparable. Break it by moving what both need into a third module.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Test files are leaves (nothing imports them) and may import what they need: they are not part
    // of the graph, so that a fixture import never shows up as a dependency between two folders.
    exclude: { path: ["\\.test\\.tsx?$", "(^|/)\\.react-router/", "^src/db/migrations/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".mjs", ".js", ".d.ts"],
      mainFields: ["module", "main", "types", "typings"],
    },
  },
};
