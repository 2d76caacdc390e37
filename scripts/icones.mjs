// Draws the app's icons (PNG, 192 and 512 px) from simple shapes: a blue square, a white
// "P" made of a bar and a ring, an orange dot. Run once; the PNGs are committed in static/.
import { deflateSync } from "node:zlib";
import { writeFileSync } from "node:fs";

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
const chunk = (type, data) => {
  const t = Buffer.from(type, "ascii");
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(Buffer.concat([t, data])));
  return Buffer.concat([len, t, data, crc]);
};

function icone(n) {
  const px = Buffer.alloc((n * 4 + 1) * n);
  const bleu = [0, 59, 92], blanc = [255, 255, 255], orange = [230, 159, 0];
  for (let y = 0; y < n; y++) {
    px[y * (n * 4 + 1)] = 0;
    for (let x = 0; x < n; x++) {
      const u = x / n, v = y / n;
      let c = bleu;
      const dx = u - 0.52, dy = v - 0.4, r = Math.hypot(dx, dy);
      if (u > 0.3 && u < 0.4 && v > 0.2 && v < 0.8) c = blanc; // the P's bar
      if (r < 0.2 && r > 0.1 && u > 0.35) c = blanc; // the P's bowl
      if (r < 0.07) c = orange; // the dot
      const i = y * (n * 4 + 1) + 1 + x * 4;
      px[i] = c[0]; px[i + 1] = c[1]; px[i + 2] = c[2]; px[i + 3] = 255;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(n, 0); ihdr.writeUInt32BE(n, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr), chunk("IDAT", deflateSync(px, { level: 9 })), chunk("IEND", Buffer.alloc(0)),
  ]);
}
for (const n of [192, 512]) writeFileSync(new URL(`../static/icone-${n}.png`, import.meta.url), icone(n));
