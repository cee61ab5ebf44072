// Names that cross a process boundary as plain strings: test annotations and attachments (tests →
// reporters), environment variables (commands → Playwright → workers) and the fixture server's
// control paths (harness → fixture server). Written once here so no side spells them differently.

/** The scenario families: a row id is `family/slug`, and each family is a matrix section. */
export const FAMILIES = ['simple', 'credentialed', 'preflight', 'redirect', 'canvas', 'secure', 'viewer', 'auth'] as const;
export type Family = (typeof FAMILIES)[number];

/** Test annotation (JSON ScenarioCard): what the matrix knows of a scenario even if its test never ran. */
export const SCENARIO_ANNOTATION = 'scenario';
/** Test annotation with the cell's verdict (shown by Playwright's own reporters). */
export const VERDICT_ANNOTATION = 'verdict';
/**
 * Test annotation (JSON CommandLineSelection): the --grep / --grep-invert of the run the test ran
 * in, so a matrix merged from shard blobs knows what the shards selected.
 */
export const SELECTION_ANNOTATION = 'selection';
/** Test annotation (JSON EngineInfo): which browser really ran the test. */
export const ENGINE_ANNOTATION = 'engine';
/** Test attachment (JSON Cell) every scenario test leaves, also when it fails or times out. */
export const CELL_ATTACHMENT = 'cell';
/** Test attachment (PNG) of a viewer scenario's page. */
export const VIEWER_SCREENSHOT_ATTACHMENT = 'viewer screenshot';

/** Environment variables `npm run matrix` passes to the matrix reporter. */
export const MATRIX_ENV = {
  outputDir: 'MATRIX_OUTPUT_DIR',
  baseline: 'MATRIX_BASELINE',
  failOnChange: 'MATRIX_FAIL_ON_CHANGE',
} as const;

/** The first line the fixture server prints once every origin listens (Playwright's webServer waits for it). */
export const FIXTURE_READY_LINE = 'CORS fixture server listening';

/** The fixture server's control endpoints (on every origin; never logged as evidence). */
export const CONTROL_PREFIX = '/__control';
export const CONTROL_PATHS = {
  health: `${CONTROL_PREFIX}/health`,
  /** GET ?token=<t>: { token, requests } for one scenario token. */
  log: `${CONTROL_PREFIX}/log`,
  /** GET ?token=<a>&token=<b>…: { logs: { [token]: requests } } for a batch of scenario tokens. */
  logs: `${CONTROL_PREFIX}/logs`,
  tlsErrors: `${CONTROL_PREFIX}/tls-errors`,
} as const;
