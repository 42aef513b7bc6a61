// Reads a mermaid gantt on standard input and prints each task's start and end (in
// milliseconds) as mermaid itself computes them, as JSON. The first argument is the
// directory whose node_modules holds `mermaid` and `jsdom` (.ci/run installs them).
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(join(resolve(process.argv[2]), 'package.json'));
const { JSDOM } = require('jsdom');
// mermaid's sanitiser needs a DOM even to parse.
const dom = new JSDOM('<!doctype html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import(pathToFileURL(require.resolve('mermaid')).href);

let text = '';
for await (const chunk of process.stdin) text += chunk;
mermaid.initialize({ startOnLoad: false });
const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
const tasks = diagram.db.getTasks().map((task) => ({
  id: task.id,
  start: task.startTime.getTime(),
  end: task.endTime.getTime(),
  milestone: Boolean(task.milestone),
}));
process.stdout.write(JSON.stringify({ version: require(join(dirname(require.resolve('mermaid')), '..', 'package.json')).version, tasks }));
