// Writes a .wasm file as an ES module whose default export is its bytes (a Uint8Array), spelled
// in hexadecimal: what the classic script (script/shim.js) inlines instead of esbuild's base64.
//
//   node scripts/wasm-hex.mjs IN.wasm OUT.js
//
// Why hex: base64 packs each byte across character boundaries, which hides the wasm's repeats
// from gzip; two hex digits per byte keep them (measured on the shim wasm, gzip -9: 24,964
// bytes as base64, 21,176 as hex, 19,300 as the binary itself). Only ASCII, so the script
// decodes the same whatever encoding the page that loads it declares.
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node scripts/wasm-hex.mjs IN.wasm OUT.js');
  process.exit(2);
}
const hex = readFileSync(input).toString('hex');
writeFileSync(
  output,
  `const hex = '${hex}';
const bytes = Uint8Array.fromHex
  ? Uint8Array.fromHex(hex)
  : Uint8Array.from({ length: hex.length / 2 }, (_, i) => parseInt(hex.substr(2 * i, 2), 16));
export default bytes;
`,
);
