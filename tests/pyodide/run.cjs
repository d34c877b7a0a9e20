// Boots Pyodide offline in Node, installs the wheels tools/pyodide_setup.sh downloaded,
// and runs one Python file inside it with the repository mounted at /repo.
// Usage: [PYODIDE_IO=FOLDER] node tests/pyodide/run.cjs SCRIPT.py [ARGS...]
// FOLDER (a test's temporary folder) is mounted at /io for the script's inputs.
// The script's stdout is passed through; timings go to stderr as "pyodide-timing {...}".
"use strict";
const path = require("node:path");
const fs = require("node:fs");

const repo = path.resolve(__dirname, "..", "..");
const out = path.join(repo, "build", "pyodide");
const wheels = path.join(out, "wheels");
const { loadPyodide } = require(path.join(out, "node_modules", "pyodide"));

// No network: a fetch of anything but a local file fails at once, naming the URL.
const realFetch = globalThis.fetch;
globalThis.fetch = (url, ...rest) => {
  if (/^https?:/i.test(String(url))) throw new Error(`offline: refused to fetch ${url}`);
  return realFetch(url, ...rest);
};

(async () => {
  const [script, ...args] = process.argv.slice(2);
  const t0 = performance.now();
  const py = await loadPyodide({
    packageCacheDir: wheels, // micropip's wheel is found here, not on the CDN
    stdout: (line) => process.stdout.write(line + "\n"),
    stderr: (line) => process.stderr.write(line + "\n"),
  });
  const booted = performance.now();
  await py.loadPackage("micropip", { messageCallback: (m) => process.stderr.write(m + "\n") });
  py.mountNodeFS("/wheels", wheels);
  py.mountNodeFS("/repo", repo);
  if (process.env.PYODIDE_IO) py.mountNodeFS("/io", process.env.PYODIDE_IO);
  await py.runPythonAsync(`
import glob, micropip
await micropip.install(
    ["emfs:" + p for p in sorted(glob.glob("/wheels/*.whl")) if "micropip-" not in p], deps=False
)
`);
  const installed = performance.now();
  py.globals.set("script_args", py.toPy([script, ...args]));
  await py.runPythonAsync(`
import runpy, sys
sys.argv = list(script_args)
sys.path.append("/repo")  # the tests package; the installed wheel stays first for xlsegment
# A script with an async "amain" is awaited here: asyncio.run needs stack switching,
# which Node's WebAssembly lacks; any other script runs as __main__.
ns = runpy.run_path(sys.argv[0], run_name="__pyodide__")
if "amain" in ns:
    await ns["amain"](sys.argv[1:])
`);
  const done = performance.now();
  const s = (ms) => Number((ms / 1000).toFixed(3));
  process.stderr.write(
    "pyodide-timing " +
      JSON.stringify({ boot: s(booted - t0), install: s(installed - booted), script: s(done - installed) }) +
      "\n",
  );
})().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(1);
});
