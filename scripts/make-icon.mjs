// Draws the Mooring application icon and writes it to build/icon.png (512×512, RGBA).
//
//   node scripts/make-icon.mjs [output.png] [size]
//
// Node only: the picture is computed from signed distance functions with 4×4 supersampling and
// encoded as a PNG with zlib. electron-builder derives the Windows .ico, the macOS .icns and the
// Linux icon set from this one file (it needs at least 512×512 for .icns). The output is
// deterministic, so re-running the script reproduces the committed file byte for byte.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const output = path.resolve(
  process.argv[2] ?? path.join(import.meta.dirname, '..', 'build', 'icon.png'),
);
const size = Number(process.argv[3] ?? 512);
if (!Number.isInteger(size) || size < 16 || size > 4096) {
  throw new Error(`Icon size must be an integer between 16 and 4096, got ${process.argv[3]}`);
}

/** Everything is designed on a 512 grid and scaled. */
const unit = size / 512;

/** Signed distance to a rounded rectangle centred on (cx, cy). Negative inside. */
function roundedRect(x, y, cx, cy, halfW, halfH, radius) {
  const qx = Math.abs(x - cx) - halfW + radius;
  const qy = Math.abs(y - cy) - halfH + radius;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

/** Signed distance to a ring (annulus) of the given centre line radius and half thickness. */
function ring(x, y, cx, cy, radius, halfThickness) {
  return Math.abs(Math.hypot(x - cx, y - cy) - radius) - halfThickness;
}

/** Signed distance to a capsule (thick segment) from (ax, ay) to (bx, by). */
function capsule(x, y, ax, ay, bx, by, halfThickness) {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.min(Math.max((px * dx + py * dy) / (dx * dx + dy * dy), 0), 1);
  return Math.hypot(px - dx * t, py - dy * t) - halfThickness;
}

/** Approximate signed distance to a horizontal sine wave band. */
function wave(x, y, baseline, amplitude, period, halfThickness) {
  const k = (2 * Math.PI) / period;
  const centre = baseline + amplitude * Math.sin(k * x);
  const slope = amplitude * k * Math.cos(k * x);
  return Math.abs(y - centre) / Math.sqrt(1 + slope * slope) - halfThickness;
}

const mix = (a, b, t) => a + (b - a) * t;
const top = [38, 110, 196];
const bottom = [10, 44, 92];
const white = [255, 255, 255];
const foam = [140, 214, 255];

/** Colour (straight RGBA, 0–255 floats) of one sample point in design units. */
function sample(x, y) {
  const body = roundedRect(x, y, 256, 256, 216, 216, 96);
  if (body > 0) return [0, 0, 0, 0];
  const t = (y - 40) / 432;
  let colour = top.map((c, i) => mix(c, bottom[i], t));
  // The mooring ring, its shackle and the line running down into the water.
  const ringShape = Math.min(
    ring(x, y, 256, 196, 74, 20),
    capsule(x, y, 256, 270, 256, 342, 16),
    roundedRect(x, y, 256, 108, 34, 14, 12),
  );
  if (ringShape <= 0) colour = white;
  // Two waves.
  if (wave(x, y, 356, 14, 120, 13) <= 0) colour = foam;
  if (wave(x - 60, y, 404, 12, 120, 11) <= 0) colour = foam.map((c) => mix(c, 255, 0.35));
  return [...colour, 255];
}

const samplesPerAxis = 4;
const rowLength = size * 4 + 1;
const raw = Buffer.alloc(rowLength * size);
for (let py = 0; py < size; py++) {
  raw[py * rowLength] = 0; // filter type: none
  for (let px = 0; px < size; px++) {
    let r = 0;
    let g = 0;
    let b = 0;
    let a = 0;
    for (let sy = 0; sy < samplesPerAxis; sy++) {
      for (let sx = 0; sx < samplesPerAxis; sx++) {
        const x = (px + (sx + 0.5) / samplesPerAxis) / unit;
        const y = (py + (sy + 0.5) / samplesPerAxis) / unit;
        const [sr, sg, sb, sa] = sample(x, y);
        // Premultiply while averaging so transparent samples do not darken the edge.
        r += sr * sa;
        g += sg * sa;
        b += sb * sa;
        a += sa;
      }
    }
    const offset = py * rowLength + 1 + px * 4;
    if (a > 0) {
      raw[offset] = Math.round(r / a);
      raw[offset + 1] = Math.round(g / a);
      raw[offset + 2] = Math.round(b / a);
    }
    raw[offset + 3] = Math.round(a / samplesPerAxis ** 2);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header[8] = 8; // bit depth
header[9] = 6; // colour type: RGBA
header[10] = 0; // compression
header[11] = 0; // filter
header[12] = 0; // no interlace

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(output, png);
console.log(`wrote ${path.relative(process.cwd(), output)} (${size}×${size}, ${png.length} bytes)`);
