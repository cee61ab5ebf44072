// A benchmark: measures something in one process run and returns JSON-able figures (ratios
// where it compares, since absolute times on a shared 2-core machine are noisy).

export interface Bench {
  name: string;
  description: string;
  run(): Promise<Record<string, unknown>>;
}
