// Unsigned LEB128, the variable-length integers of the wasm binary format: shared by the scripts
// that rewrite the npm package's .wasm files.

// The number at `at` in `bytes`, and where the next field starts.
export function readU32(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

// `n` encoded.
export function encodeU32(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
}
