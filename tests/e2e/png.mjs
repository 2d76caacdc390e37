// Reads the PNG screenshots Chromium takes (8-bit RGB or RGBA, not interlaced) into pixels, so
// a test can look at what is drawn. No dependency: zlib and the five PNG filters.
import { inflateSync } from "node:zlib";

/** { largeur, hauteur, pixels: [[r, g, b], …] row by row }. */
export function lirePng(octets) {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  if (!signature.every((o, i) => octets[i] === o)) throw new Error("not a PNG");
  let i = 8, largeur = 0, hauteur = 0, canaux = 0;
  const donnees = [];
  while (i < octets.length) {
    const longueur = octets.readUInt32BE(i);
    const type = octets.toString("ascii", i + 4, i + 8);
    const corps = octets.subarray(i + 8, i + 8 + longueur);
    if (type === "IHDR") {
      largeur = corps.readUInt32BE(0);
      hauteur = corps.readUInt32BE(4);
      const [profondeur, couleur, , , entrelace] = corps.subarray(8, 13);
      canaux = { 2: 3, 6: 4 }[couleur];
      if (profondeur !== 8 || !canaux || entrelace) throw new Error(`PNG not read: depth ${profondeur}, colour ${couleur}`);
    } else if (type === "IDAT") donnees.push(corps);
    else if (type === "IEND") break;
    i += 12 + longueur;
  }
  const brut = inflateSync(Buffer.concat(donnees));
  const ligne = largeur * canaux;
  const sortie = Buffer.alloc(hauteur * ligne);
  for (let y = 0; y < hauteur; y++) {
    const filtre = brut[y * (ligne + 1)];
    for (let x = 0; x < ligne; x++) {
      const v = brut[y * (ligne + 1) + 1 + x];
      const a = x >= canaux ? sortie[y * ligne + x - canaux] : 0;
      const b = y > 0 ? sortie[(y - 1) * ligne + x] : 0;
      const c = x >= canaux && y > 0 ? sortie[(y - 1) * ligne + x - canaux] : 0;
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      sortie[y * ligne + x] = (v + [0, a, b, (a + b) >> 1, paeth][filtre]) & 255;
    }
  }
  const pixels = [];
  for (let k = 0; k < largeur * hauteur; k++) pixels.push([sortie[k * canaux], sortie[k * canaux + 1], sortie[k * canaux + 2]]);
  return { largeur, hauteur, pixels };
}

/** Relative luminance (WCAG) of an sRGB pixel. */
export function luminance([r, g, b]) {
  const l = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * l(r) + 0.7152 * l(g) + 0.0722 * l(b);
}

/** WCAG contrast ratio of two pixels. */
export function contraste(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
  return (x + 0.05) / (y + 0.05);
}
