// Uploaded pictures (docs/uploads.md, docs/decisions/008-uploads.md): the limits, and the pure steps
// of the pipeline in app/shared/images.server.ts — recognising JPEG and PNG by their first bytes
// (never by the declared type or the file name), reading their size from the header before decoding,
// turning a photo upright by its EXIF orientation (the EXIF itself is then dropped), and scaling down.

/** Largest file accepted: 5 MB. */
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
/** Largest picture accepted, in pixels (width × height): 40 megapixels. */
export const IMAGE_MAX_PIXELS = 40_000_000;
/** Stored pictures are at most this many pixels on their longer side. */
export const IMAGE_MAX_SIDE = 1600;
/** JPEG quality of the stored pictures. */
export const IMAGE_JPEG_QUALITY = 85;
/** A multipart request may be this large (the picture is cut off at IMAGE_MAX_BYTES + 1 and refused): larger ones get a bare 413. */
export const UPLOAD_MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Alt texts of pictures: required with a picture, at most this long. */
export const IMAGE_ALT_MAX = 200;

/** An image id: 16 random bytes in base64url (22 characters). */
export const IMAGE_ID = /^[A-Za-z0-9_-]{22}$/;

export function isImageId(id: unknown): id is string {
  return typeof id === "string" && IMAGE_ID.test(id);
}

/** Where a stored picture is served. */
export function imageUrl(id: string): string {
  return `/images/${id}.jpg`;
}

export type ImageType = "jpeg" | "png";

/** The type told by the file's first bytes (its "magic number"), or null for anything else. */
export function detectImageType(bytes: Uint8Array): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return "png";
  return null;
}

export interface Dimensions {
  width: number;
  height: number;
}

/** Width and height from the header (PNG's IHDR, JPEG's first SOF segment), without decoding; null when not found. */
export function headerDimensions(bytes: Uint8Array, type: ImageType): Dimensions | null {
  if (type === "png") {
    // Signature (8), chunk length (4), "IHDR" (4), width (4), height (4).
    if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== "IHDR") return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or start of scan before any frame header
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    // Start of frame: every SOFn except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > bytes.length) return null;
      return { height: (bytes[i + 5]! << 8) | bytes[i + 6]!, width: (bytes[i + 7]! << 8) | bytes[i + 8]! };
    }
    i += 2 + length;
  }
  return null;
}

/**
 * The EXIF orientation (1–8) of a JPEG, from its APP1 "Exif" segment; 1 (upright) when there is none.
 * Phones store portrait photos sideways with this tag; since the stored copy has no EXIF, the
 * pixels are turned instead.
 */
export function exifOrientation(bytes: Uint8Array): number {
  let i = 2;
  while (i + 4 <= bytes.length && bytes[i] === 0xff) {
    const marker = bytes[i + 1]!;
    if (marker === 0xda || marker === 0xd9) break;
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (marker === 0xe1 && length >= 8 && String.fromCharCode(...bytes.subarray(i + 4, i + 10)) === "Exif\0\0") {
      return orientationFromTiff(bytes.subarray(i + 10, Math.min(bytes.length, i + 2 + length)));
    }
    i += 2 + length;
  }
  return 1;
}

function orientationFromTiff(tiff: Uint8Array): number {
  if (tiff.length < 8) return 1;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return 1;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return 1;
  const entries = view.getUint16(ifd, little);
  for (let e = 0; e < entries; e++) {
    const at = ifd + 2 + e * 12;
    if (at + 12 > tiff.length) return 1;
    if (view.getUint16(at, little) === 0x0112) {
      const value = view.getUint16(at + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** RGBA pixels, 4 bytes each, row by row. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The pixels turned upright by an EXIF orientation (2–8 flip and/or rotate; 1 returns them as they are). */
export function orient(image: Pixels, orientation: number): Pixels {
  if (orientation <= 1 || orientation > 8) return image;
  const { width: w, height: h, data } = image;
  const swap = orientation >= 5;
  const outW = swap ? h : w;
  const outH = swap ? w : h;
  const out = new Uint8Array(outW * outH * 4);
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      // Where this output pixel comes from in the stored image.
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2: sx = w - 1 - x; sy = y; break;
        case 3: sx = w - 1 - x; sy = h - 1 - y; break;
        case 4: sx = x; sy = h - 1 - y; break;
        case 5: sx = y; sy = x; break;
        case 6: sx = y; sy = h - 1 - x; break;
        case 7: sx = w - 1 - y; sy = h - 1 - x; break;
        default: sx = w - 1 - y; sy = x; break; // 8
      }
      const from = (sy * w + sx) * 4;
      const to = (y * outW + x) * 4;
      out[to] = data[from]!;
      out[to + 1] = data[from + 1]!;
      out[to + 2] = data[from + 2]!;
      out[to + 3] = data[from + 3]!;
    }
  }
  return { width: outW, height: outH, data: out };
}

/** The size a picture is stored at: its own, or scaled down so that the longer side is `maxSide`. */
export function fittedSize(width: number, height: number, maxSide = IMAGE_MAX_SIDE): Dimensions {
  const longer = Math.max(width, height);
  if (longer <= maxSide) return { width, height };
  const scale = maxSide / longer;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Scales down by averaging the area of source pixels under each target pixel (a box filter with
 * fractional edges), and lays transparent pixels over white (JPEG has no transparency). The result
 * is RGBA with alpha 255.
 */
export function downscale(image: Pixels, target: Dimensions): Pixels {
  const { width: w, height: h, data } = image;
  const { width: tw, height: th } = target;
  const out = new Uint8Array(tw * th * 4);
  const sx = w / tw;
  const sy = h / th;
  for (let ty = 0; ty < th; ty++) {
    const y0 = ty * sy;
    const y1 = y0 + sy;
    for (let tx = 0; tx < tw; tx++) {
      const x0 = tx * sx;
      const x1 = x0 + sx;
      let r = 0;
      let g = 0;
      let b = 0;
      let total = 0;
      for (let y = Math.floor(y0); y < Math.min(h, Math.ceil(y1)); y++) {
        const wy = Math.min(y + 1, y1) - Math.max(y, y0);
        for (let x = Math.floor(x0); x < Math.min(w, Math.ceil(x1)); x++) {
          const weight = wy * (Math.min(x + 1, x1) - Math.max(x, x0));
          const i = (y * w + x) * 4;
          const alpha = data[i + 3]! / 255;
          // Over white: c·a + 255·(1 − a).
          r += weight * (data[i]! * alpha + 255 * (1 - alpha));
          g += weight * (data[i + 1]! * alpha + 255 * (1 - alpha));
          b += weight * (data[i + 2]! * alpha + 255 * (1 - alpha));
          total += weight;
        }
      }
      const o = (ty * tw + tx) * 4;
      out[o] = Math.round(r / total);
      out[o + 1] = Math.round(g / total);
      out[o + 2] = Math.round(b / total);
      out[o + 3] = 255;
    }
  }
  return { width: tw, height: th, data: out };
}
