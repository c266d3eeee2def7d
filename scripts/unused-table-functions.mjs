// Empties the functions of a wasm-bindgen build that nothing can call: what the function table
// still holds after wasm-bindgen has run the describe functions and removed them.
//
// Every `#[wasm_bindgen]` import that takes a closure (js-sys's `forEach`, `Promise::new`, …) has a
// describe function that names an `invoke` function by its table index, and the linker keeps every
// describe function (they are exports until wasm-bindgen has read and removed them). The table
// entries stay, and with them about 40 `invoke` functions and what they call: 5 KB of the shim's
// wasm, which neither wasm-bindgen nor binaryen removes (binaryen keeps a table's entries while the
// table is used by any `call_indirect`).
//
// A table index can only come from an `i32.const` in code, a word in a data segment or a global's
// initializer (function pointers are table indices), so a function is live when an export, the
// start function, a `ref.func`, a direct call from a live function, or a table entry whose index
// appears in one of those places reaches it. Everything else gets the body `unreachable`: indices
// and signatures stay as they are, and a call that could never happen would trap. The check is
// conservative (any constant or data word equal to an entry's index keeps it), never the reverse.
//
//   node scripts/unused-table-functions.mjs NAME_bg.wasm   (rewrites it in place; prints what it did)
//
// Fails, leaving the file as it was, on anything it does not understand: an imported or exported
// function table, an element segment of another form, an instruction it does not decode.
import fs from 'node:fs';

import { encodeU32, readU32 } from './leb128.mjs';

const path = process.argv[2];
const wasm = fs.readFileSync(path);
const fail = (why) => {
  console.error(`unused-table-functions: ${path}: ${why}; left as it was`);
  process.exit(1);
};

let p = 0;
const byte = () => wasm[p++];
const u32 = () => {
  let value;
  [value, p] = readU32(wasm, p);
  return value;
};
const s32 = () => {
  let value = 0, shift = 0, b;
  do {
    b = wasm[p++];
    value |= (b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80 && shift < 35);
  return shift < 32 && b & 0x40 ? value | (-1 << shift) : value | 0;
};
// A name (length and bytes), skipped.
const skipName = () => {
  const length = u32();
  p += length;
};
const skipLeb = () => {
  while (wasm[p++] & 0x80);
};
const leb = (n) => [...encodeU32(n)];

// Sections.
const sections = new Map();
for (p = 8; p < wasm.length; ) {
  const at = p;
  const id = byte();
  const size = u32();
  if (id !== 0) sections.set(id, { at, start: p, end: p + size });
  p += size;
}

// Imported functions come first in the function index space.
let importedFunctions = 0;
if (sections.has(2)) {
  p = sections.get(2).start;
  for (let n = u32(); n > 0; n--) {
    skipName(); // module
    skipName(); // field
    const kind = byte();
    if (kind === 0) (importedFunctions++, u32());
    else if (kind === 1) {
      if (byte() === 0x70) fail('it imports a function table');
      const flags = byte();
      u32();
      if (flags & 1) u32();
    } else if (kind === 2) {
      const flags = byte();
      u32();
      if (flags & 1) u32();
    } else if (kind === 3) p += 2;
    else fail(`an import of kind ${kind}`);
  }
}

const roots = new Set();
const constants = new Set();
// An initializer expression: i32.const, ref.func, global.get, … up to `end`.
const initializer = () => {
  for (;;) {
    const op = byte();
    if (op === 0x0b) return;
    if (op === 0x41) constants.add(s32());
    else if (op === 0x42) skipLeb();
    else if (op === 0x43) p += 4;
    else if (op === 0x44) p += 8;
    else if (op === 0xd2) roots.add(u32());
    else if (op === 0x23 || op === 0xd0) u32();
    else if (op >= 0x6a && op <= 0x6c) continue; // extended constant expressions
    else fail(`initializer opcode 0x${op.toString(16)}`);
  }
};

if (sections.has(7)) {
  p = sections.get(7).start;
  for (let n = u32(); n > 0; n--) {
    skipName();
    const kind = byte();
    const index = u32();
    if (kind === 0) roots.add(index);
    if (kind === 1 && index === 0) fail('it exports the function table');
  }
}
if (sections.has(8)) {
  p = sections.get(8).start;
  roots.add(u32());
}
if (sections.has(6)) {
  p = sections.get(6).start;
  for (let n = u32(); n > 0; n--) {
    p += 2; // value type, mutability (single-byte types only here)
    initializer();
  }
}

// Table 0's active segments: index -> function.
const entries = new Map();
if (sections.has(9)) {
  p = sections.get(9).start;
  for (let n = u32(); n > 0; n--) {
    const flags = u32();
    if (flags !== 0) fail(`an element segment of form ${flags}`);
    if (byte() !== 0x41) fail('an element segment offset that is not i32.const');
    const offset = s32();
    if (byte() !== 0x0b) fail('an element segment offset that is not one constant');
    const count = u32();
    for (let i = 0; i < count; i++) entries.set(offset + i, u32());
  }
}

// Data: every 4-byte word at a 4-byte aligned address (or, in a passive segment, at any offset).
if (sections.has(11)) {
  p = sections.get(11).start;
  for (let n = u32(); n > 0; n--) {
    const flags = u32();
    let address = null;
    if (flags === 0 || flags === 2) {
      if (flags === 2) u32();
      if (byte() !== 0x41) fail('a data segment offset that is not i32.const');
      address = s32();
      if (byte() !== 0x0b) fail('a data segment offset that is not one constant');
    }
    const size = u32();
    for (let i = 0; i + 4 <= size; i++) {
      if (address !== null && (address + i) % 4 !== 0) continue;
      constants.add(wasm.readUInt32LE(p + i));
    }
    p += size;
  }
}

// Code: each body's calls, function references and i32 constants.
if (!sections.has(10)) fail('no code section');
p = sections.get(10).start;
const bodies = [];
for (let n = u32(), i = 0; i < n; i++) {
  const size = u32();
  bodies.push({ start: p, end: p + size });
  p += size;
}
const scan = (body) => {
  const found = { calls: [], constants: [] };
  p = body.start;
  for (let groups = u32(); groups > 0; groups--) (u32(), byte());
  while (p < body.end) {
    const op = byte();
    if (op === 0x41) found.constants.push(s32());
    else if (op === 0x10 || op === 0x12 || op === 0xd2) found.calls.push(u32());
    else if (op <= 0x01 || op === 0x05 || op === 0x0b || op === 0x0f || op === 0x1a || op === 0x1b) continue;
    else if (op >= 0x02 && op <= 0x04) {
      const type = wasm[p];
      if (type === 0x40 || (type >= 0x6f && type <= 0x7f)) p++;
      else s32();
    } else if (op === 0x0c || op === 0x0d || (op >= 0x20 && op <= 0x26) || op === 0x3f || op === 0x40 || op === 0xd0) u32();
    else if (op === 0x0e) {
      for (let targets = u32() + 1; targets > 0; targets--) u32();
    } else if (op === 0x11 || op === 0x13) (u32(), u32());
    else if (op === 0x1c) {
      for (let types = u32(); types > 0; types--) byte();
    } else if (op >= 0x28 && op <= 0x3e) {
      if (u32() & 0x40) u32();
      u32();
    } else if (op === 0x42) skipLeb();
    else if (op === 0x43) p += 4;
    else if (op === 0x44) p += 8;
    else if ((op >= 0x45 && op <= 0xc4) || op === 0xd1) continue;
    else if (op === 0xfc) {
      const sub = u32();
      if (sub <= 7) continue;
      else if (sub === 8 || sub === 10 || sub === 12 || sub === 14) (u32(), u32());
      else if (sub === 9 || sub === 11 || sub === 13 || (sub >= 15 && sub <= 17)) u32();
      else fail(`instruction 0xfc ${sub}`);
    } else fail(`instruction 0x${op.toString(16)} in function ${importedFunctions + bodies.indexOf(body)}`);
  }
  if (p !== body.end) fail('a function body did not decode to its end');
  return found;
};
const scanned = bodies.map(scan);

// Reachability.
const live = new Set();
const pending = [];
const reach = (index) => {
  if (!live.has(index)) (live.add(index), pending.push(index));
};
const reachConstant = (value) => {
  if (entries.has(value)) reach(entries.get(value));
};
roots.forEach(reach);
constants.forEach(reachConstant);
while (pending.length) {
  const index = pending.pop() - importedFunctions;
  if (index < 0) continue;
  scanned[index].calls.forEach(reach);
  scanned[index].constants.forEach(reachConstant);
}

// Rewrite the code section: dead bodies become `unreachable`.
const stub = [0x00, 0x00, 0x0b]; // no locals; unreachable; end
const code = [...leb(bodies.length)];
let emptied = 0, saved = 0;
const out = [];
bodies.forEach((body, i) => {
  if (live.has(importedFunctions + i)) {
    out.push(Buffer.from(leb(body.end - body.start)), wasm.subarray(body.start, body.end));
  } else {
    emptied++;
    saved += body.end - body.start - stub.length;
    out.push(Buffer.from([stub.length, ...stub]));
  }
});
const codeBody = Buffer.concat([Buffer.from(code), ...out]);
const { at, end } = sections.get(10);
const result = Buffer.concat([
  wasm.subarray(0, at),
  Buffer.from([10, ...leb(codeBody.length)]),
  codeBody,
  wasm.subarray(end),
]);
fs.writeFileSync(path, result);
console.log(`unused-table-functions: emptied ${emptied} of ${bodies.length} functions (${saved} bytes)`);
