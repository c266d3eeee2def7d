// Shortens the names a wasm-bindgen build links its wasm and its glue by, in both together:
// imports (`./wasm_rtc_shim_bg.js` / `__wbg_defineProperty_9c5ae3b2c1d1b6f4` become `a` / `b`)
// and the runtime's exports the glue calls (`__wbindgen_malloc`,
// `wasm_bindgen__convert__closures_____invoke__h76c437e63ecf640f`, … become `$a`, `$b`, …; the
// page-facing exports keep their names). These names, their random hashes above all, compress
// badly: about 2.3 KB of gzip per entry for nothing. Nothing else changes; the renamed exports'
// entries in the declarations' `InitOutput` follow.
//
//   node scripts/short-names.mjs NAME_bg.wasm NAME.js NAME.d.ts   (wasm-bindgen --target web output)
//
// Fails, leaving the files as they were, if an import name is not found exactly once in the glue.
import fs from 'node:fs';

import { encodeU32, readU32 as decode } from './leb128.mjs';

const [wasmPath, gluePath, typesPath] = process.argv.slice(2);
const wasm = fs.readFileSync(wasmPath);
let glue = fs.readFileSync(gluePath, 'utf8');

const readU32 = (at) => decode(wasm, at);
const u32 = encodeU32;
const name = (s) => Buffer.concat([u32(Buffer.byteLength(s)), Buffer.from(s)]);
// a, b, …, z, A, …, Z, aa, ab, …
const short = (n) => {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let s = '';
  for (n += 1; n > 0; n = Math.floor((n - 1) / letters.length)) s = letters[(n - 1) % letters.length] + s;
  return s;
};

const exported = new Map(); // runtime export -> short name
const modules = new Map(); // module name -> short name
// `wasm.NAME` in the glue, not followed by more of a name.
const inGlue = (exportName) => new RegExp(`\\bwasm\\.${exportName.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
const usedInGlue = (exportName) => inGlue(exportName).test(glue);
const fields = new Map(); // `__wbg…` field name -> short name (unique across modules)
const sections = [wasm.subarray(0, 8)];
for (let at = 8; at < wasm.length; ) {
  const id = wasm[at];
  const [size, start] = readU32(at + 1);
  const end = start + size;
  if (id === 7) {
    // The export section: (name, kind, index)*. Only names the glue reaches as `wasm.NAME`.
    let [count, p] = readU32(start);
    const out = [u32(count)];
    for (let i = 0; i < count; i++) {
      const [length, from] = readU32(p);
      let exportName = wasm.subarray(from, from + length).toString();
      p = from + length;
      const description = p++;
      [, p] = readU32(p);
      if (/^(__wbindgen_|__externref_|wasm_bindgen__convert__closures_)/.test(exportName) && usedInGlue(exportName)) {
        exported.set(exportName, '$' + short(exported.size));
        exportName = exported.get(exportName);
      }
      out.push(name(exportName), wasm.subarray(description, p));
    }
    if (p !== end) throw new Error('the export section did not parse to its end');
    const body = Buffer.concat(out);
    sections.push(Buffer.from([7]), u32(body.length), body);
    at = end;
    continue;
  }
  if (id !== 2) {
    sections.push(wasm.subarray(at, end));
    at = end;
    continue;
  }
  // The import section: (module, field, description)*.
  let [count, p] = readU32(start);
  const out = [u32(count)];
  for (let i = 0; i < count; i++) {
    const text = () => {
      const [length, from] = readU32(p);
      p = from + length;
      return wasm.subarray(from, p).toString();
    };
    const module = text();
    const field = text();
    const description = p;
    const kind = wasm[p++];
    const limits = () => {
      const flags = wasm[p++];
      [, p] = readU32(p);
      if (flags & 1) [, p] = readU32(p);
    };
    if (kind === 0) [, p] = readU32(p); // function: type index
    else if (kind === 1) (p++, limits()); // table: element type, limits
    else if (kind === 2) limits(); // memory
    else if (kind === 3) p += 2; // global: value type, mutability
    else throw new Error(`import ${module}.${field}: unknown kind ${kind}`);
    if (!modules.has(module)) modules.set(module, short(modules.size));
    let newField = field;
    if (field.startsWith('__wbg')) {
      if (!fields.has(field)) fields.set(field, short(fields.size));
      newField = fields.get(field);
    }
    out.push(name(modules.get(module)), name(newField), wasm.subarray(description, p));
  }
  if (p !== end) throw new Error('the import section did not parse to its end');
  const body = Buffer.concat(out);
  sections.push(Buffer.from([2]), u32(body.length), body);
  at = end;
}

const replaceOnce = (from, to) => {
  const found = glue.split(from).length - 1;
  if (found !== 1) throw new Error(`${from} is in the glue ${found} times, not once`);
  glue = glue.replace(from, to);
};
for (const [from, to] of fields) replaceOnce(`${from}: function`, `${to}: function`);
// The imports object: `"./NAME_bg.js": import0,` (a snippet module may be listed more than once).
for (const [from, to] of modules) {
  const key = `${JSON.stringify(from)}: import`;
  if (!glue.includes(key)) throw new Error(`${key} is not in the glue`);
  glue = glue.split(key).join(`${JSON.stringify(to)}: import`);
}

for (const [from, to] of exported) glue = glue.replace(inGlue(from), `wasm.${to}`);
let types = typesPath && fs.readFileSync(typesPath, 'utf8');
if (types) {
  for (const [from, to] of exported) types = types.split(`readonly ${from}:`).join(`readonly ${to}:`);
}

fs.writeFileSync(wasmPath, Buffer.concat(sections));
fs.writeFileSync(gluePath, glue);
if (types) fs.writeFileSync(typesPath, types);
