// Test helper, run in a child process (`node --import tsx load-in-child.ts <file>...`): loads every tensor of
// each file in turn and prints one JSON line per file with the outcome and the process's peak RSS so far.
// A separate process, so the peak belongs to these loads alone.
import { loadTensors } from '../open';

for (const file of process.argv.slice(2)) {
  const start = performance.now();
  let outcome: { tensors: number } | { error: string };
  try {
    outcome = { tensors: (await loadTensors(file)).size };
  } catch (e) {
    outcome = { error: e instanceof Error ? e.message : String(e) };
  }
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ file, ...outcome, peakRssBytes, ms: Math.round(performance.now() - start) }));
}
