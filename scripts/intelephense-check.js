#!/usr/bin/env node
// Opens PHP files in the Intelephense language server (headless, LSP over stdio) and prints every
// problem it publishes; exits 1 when there is any. The files are copied into an empty workspace so that
// only they (and PHP's built-in declarations) are indexed.
//   node scripts/intelephense-check.js PATH/TO/intelephense.js FILE.php...
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');

const [server, ...files] = process.argv.slice(2);
if (!server || files.length === 0) {
  console.error('usage: intelephense-check.js INTELEPHENSE_JS FILE.php...');
  process.exit(2);
}
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'intelephense-'));
const opened = files.map((f) => {
  const copy = path.join(workspace, path.basename(f));
  fs.copyFileSync(f, copy);
  return { name: f, uri: pathToFileURL(copy).href, text: fs.readFileSync(f, 'utf8') };
});

const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
let nextId = 1;
const pending = new Map();
const send = (msg) => {
  const body = JSON.stringify({ jsonrpc: '2.0', ...msg });
  child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
};
const request = (method, params) => new Promise((resolve) => {
  const id = nextId++;
  pending.set(id, resolve);
  send({ id, method, params });
});
const notify = (method, params) => send({ method, params });

// The diagnostics published per document after indexing ended (PHP's own declarations must be known
// first, or a reference to \RuntimeException would be judged against nothing); the check ends when every
// document has them and the server has been quiet for a while.
const diagnostics = new Map();
let indexed = false;
let quietTimer = null;
const settle = () => {
  clearTimeout(quietTimer);
  quietTimer = setTimeout(finish, 3000);
};

let buffer = Buffer.alloc(0);
child.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const head = buffer.indexOf('\r\n\r\n');
    if (head < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.slice(0, head).toString())[1]);
    if (buffer.length < head + 4 + length) return;
    const msg = JSON.parse(buffer.slice(head + 4, head + 4 + length).toString());
    buffer = buffer.slice(head + 4 + length);
    handle(msg);
  }
});

function handle(msg) {
  if (process.env.LSP_TRACE) console.error(JSON.stringify(msg).slice(0, 300));
  if (msg.id !== undefined && msg.method === undefined) {  // an answer to one of our requests
    const resolve = pending.get(msg.id);
    pending.delete(msg.id);
    if (resolve) resolve(msg.result);
    return;
  }
  if (msg.id !== undefined) {  // the server asks something: settings get defaults, the rest an empty answer
    const result = msg.method === 'workspace/configuration' ? msg.params.items.map(() => null) : null;
    send({ id: msg.id, result });
    return;
  }
  if (msg.method === 'indexingEnded' && !indexed) {
    indexed = true;
    for (const d of opened) {  // an edit that changes nothing makes the server diagnose the file again
      notify('textDocument/didChange', { textDocument: { uri: d.uri, version: 2 }, contentChanges: [{ text: d.text }] });
    }
    return;
  }
  if (msg.method === 'textDocument/publishDiagnostics' && indexed) {
    diagnostics.set(msg.params.uri, msg.params.diagnostics);
    if (opened.every((d) => diagnostics.has(d.uri))) settle();
  }
}

// Errors, warnings and information fail the check. Hints (severity 4: "declared but not used", shown
// faded, never listed as problems) are counted: a stub's bodies do nothing, so its parameters are unused.
function finish() {
  let problems = 0;
  let hints = 0;
  for (const d of opened) {
    for (const diag of diagnostics.get(d.uri) || []) {
      if ((diag.severity || 1) >= 4) { hints++; continue; }
      problems++;
      console.log(`${d.name}:${diag.range.start.line + 1}:${diag.range.start.character + 1}: ${diag.message} (${diag.code || ''})`);
    }
  }
  console.log(`intelephense: ${problems} errors, warnings or information in ${opened.length} file(s); ${hints} hints`);
  child.kill();
  fs.rmSync(workspace, { recursive: true, force: true });
  process.exit(problems === 0 ? 0 : 1);
}

setTimeout(() => {
  console.log('intelephense: no diagnostics published within 120 s');
  child.kill();
  process.exit(1);
}, 120000);

(async () => {
  await request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    capabilities: { textDocument: { publishDiagnostics: {} }, workspace: { configuration: true } },
    initializationOptions: { storagePath: path.join(workspace, '.storage'), clearCache: true },
  });
  notify('initialized', {});
  for (const d of opened) {
    notify('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: 'php', version: 1, text: d.text } });
  }
})();
