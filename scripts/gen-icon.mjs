// Draws the extension icon (images/icon.png, 128x128 RGBA) with no image library: signed-distance shapes,
// 4x4 supersampling, and a PNG written with node:zlib. `node scripts/gen-icon.mjs` rewrites it; the PNG is
// committed, so the build never needs this script.
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const SIZE = 128;
const SS = 4; // samples per axis

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

// distance to a rounded square (centre 64,64), negative inside
function roundedSquare(x, y, half, r) {
  const qx = Math.abs(x - 64) - (half - r);
  const qy = Math.abs(y - 64) - (half - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
// distance to a segment with round caps of radius w
function segment(x, y, ax, ay, bx, by, w) {
  const px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - w;
}
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;

// a cluster of nodes (Mesos agents) linked to a master, and a check mark over it
const nodes = [[34, 36], [64, 30], [94, 36]];
const master = [64, 62];
function sample(x, y) {
  if (roundedSquare(x, y, 62, 22) > 0) return [0, 0, 0, 0];
  let c = mix(hex('#1f6fd1'), hex('#0b2447'), y / SIZE);
  for (const [nx, ny] of nodes) {
    if (segment(x, y, nx, ny, master[0], master[1], 2.2) < 0) c = hex('#5fa8ff');
  }
  for (const [nx, ny] of nodes) if (circle(x, y, nx, ny, 9) < 0) c = hex('#9cc9ff');
  if (circle(x, y, master[0], master[1], 11) < 0) c = hex('#d6e9ff');
  // check mark with a dark outline so it reads on the nodes
  const check = Math.min(segment(x, y, 36, 84, 56, 102, 9), segment(x, y, 56, 102, 98, 56, 9));
  if (check < 3.5) c = hex('#0b2447');
  if (check < 0) c = hex('#7bdc3a');
  return [...c, 255];
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++)
      for (let sx = 0; sx < SS; sx++) {
        const s = sample(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
        // premultiplied accumulation, so transparent samples do not darken the edge
        for (let i = 0; i < 3; i++) acc[i] += s[i] * s[3];
        acc[3] += s[3];
      }
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    const a = acc[3] / (SS * SS);
    for (let i = 0; i < 3; i++) raw[o + i] = acc[3] ? Math.round(acc[i] / acc[3]) : 0;
    raw[o + 3] = Math.round(a);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = join(new URL('..', import.meta.url).pathname, 'images', 'icon.png');
mkdirSync(join(out, '..'), { recursive: true });
writeFileSync(out, png);
process.stdout.write(`wrote ${out} (${png.length} bytes)\n`);
