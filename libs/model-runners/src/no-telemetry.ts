// Imported before onnxruntime-node (see session-host.ts), so it runs before onnxruntime initializes.
//
// onnxruntime's official Linux/macOS builds (1.29+) start Microsoft's 1DS telemetry when the runtime
// initializes: it writes `mat-debug-<pid>.log` and `.ses` into the temp folder and a device id and event
// database under `~/.cache/Microsoft/DeveloperTools/.onnxruntime`, and uploads events over HTTPS
// (onnxruntime docs/Privacy.md). A service must not write outside its data folder nor phone home, so the
// documented switch is set here, for the whole process, whatever the caller's environment says. It has to be
// set on the main thread: a worker thread's `process.env` is its own copy, invisible to native code, and the
// runner's worker is started by `runtime.ts`, which loads this module first.
process.env['ORT_DISABLE_TELEMETRY'] = '1';

export {};
