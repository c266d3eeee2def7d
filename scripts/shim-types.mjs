// Gives the shim entry's TypeScript declarations the types its exports name, taken from the full
// build's declarations. The shim-only wasm is built without std and so without tsify (see the
// feature `shim-wasm` in Cargo.toml): wasm-bindgen writes `shim(options?: ShimOptions | null):
// ShimReport` but no `ShimOptions`. The full build's tsify generated them from the same Rust types.
//
//   node scripts/shim-types.mjs FULL.d.ts SHIM.d.ts   (rewrites SHIM.d.ts in place)
//
// Copies every declaration SHIM.d.ts names, and what those name in turn, in the full build's
// order. Fails, leaving SHIM.d.ts as it was, if a name it uses is declared in neither.
import fs from 'node:fs';

const [fullPath, shimPath] = process.argv.slice(2);
const full = fs.readFileSync(fullPath, 'utf8');
let shim = fs.readFileSync(shimPath, 'utf8');

// The full build's tsify declarations: each a doc comment and an `export type|interface Name`,
// separated by blank lines, before wasm-bindgen's own (functions, classes, init).
const header = '/* tslint:disable */\n/* eslint-disable */\n';
const declarations = new Map();
for (const chunk of full.replace(header, '').split(/\n\n+/)) {
  const match = /^(?:\/\*\*[\s\S]*?\*\/\n)?export (?:type|interface) (\w+)/.exec(chunk);
  if (match) declarations.set(match[1], chunk);
}

const declared = new Set([...shim.matchAll(/^export (?:type|interface|class|function) (\w+)/gm)].map((m) => m[1]));
const names = (text) => new Set([...text.replace(/\/\*\*[\s\S]*?\*\//g, '').matchAll(/\b[A-Z]\w*\b/g)].map((m) => m[0]));
const needed = new Set();
const visit = (text) => {
  for (const name of names(text)) {
    if (declarations.has(name) && !declared.has(name) && !needed.has(name)) {
      needed.add(name);
      visit(declarations.get(name));
    }
  }
};
visit(shim);
for (const name of ['ShimOptions', 'ShimReport', 'BrowserDetails', 'CandidateFields']) {
  if (!declared.has(name) && !needed.has(name)) {
    console.error(`shim-types: ${name} is declared in neither ${shimPath} nor ${fullPath}`);
    process.exit(1);
  }
}

const copied = [...declarations].filter(([name]) => needed.has(name)).map(([, text]) => text);
if (!shim.startsWith(header)) {
  console.error(`shim-types: ${shimPath} does not start with wasm-bindgen's header`);
  process.exit(1);
}
shim = header + copied.join('\n\n') + '\n\n' + shim.slice(header.length);
fs.writeFileSync(shimPath, shim);
