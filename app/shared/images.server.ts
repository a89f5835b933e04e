// Uploaded pictures (docs/uploads.md; why pure-JS decoders: docs/decisions/008-uploads.md). Every
// upload goes through `storeImage`: the size is checked, the type is told by the file's first bytes
// (the declared type and the name are not trusted), the size in pixels is read from the header and
// refused over 40 megapixels before anything is decoded, the picture is decoded with jpeg-js or pngjs
// (with their own memory limits), turned upright, scaled to at most 1600 px and written again as a
// fresh JPEG: nothing of the uploaded file is kept, so EXIF (a phone photo's GPS position), comments
// and anything hidden after the image data are gone. It is stored as UPLOAD_DIR/ID.jpg with an
// `Image` row, and served by /images/ID.jpg (`imageResponse`).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import {
  MaxPartSizeExceededError,
  createReadableStreamFromReadable,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";
import { db } from "~/server/db.server";
import { env } from "~/server/env.server";
import { readForm, withoutNul } from "~/server/request.server";
import { refuse, type Outcome } from "~/shared/forms";
import {
  IMAGE_JPEG_QUALITY,
  IMAGE_MAX_BYTES,
  IMAGE_MAX_PIXELS,
  UPLOAD_MAX_BODY_BYTES,
  detectImageType,
  downscale,
  exifOrientation,
  fittedSize,
  headerDimensions,
  isImageId,
  orient,
  type Pixels,
} from "./images";

/** Room for the other fields of a form beside its picture. */
const TEXT_PART_MAX_BYTES = 1_000_000;
/** A form carries at most this many files; more are read and dropped, and the form is refused with 413. */
const MAX_FILE_PARTS = 4;
/** jpeg-js's own limit on the memory a decode may use (40 MP of RGBA is 160 MB, plus its working buffers). */
const DECODE_MEMORY_MB = 640;

export type ImageRefusalKey = "images.errors.tooLarge" | "images.errors.notImage" | "images.errors.tooManyPixels" | "images.errors.unreadable";

export type Reencoded = { ok: true; data: Buffer; width: number; height: number } | { ok: false; status: 413 | 415 | 400; key: ImageRefusalKey };

/**
 * The pure part of the pipeline: bytes in, a fresh JPEG (or why not) out. Nothing is written.
 * Exported for the unit tests (tests/unit/images.test.ts).
 */
export function reencodeImage(bytes: Uint8Array): Reencoded {
  if (bytes.byteLength > IMAGE_MAX_BYTES) return { ok: false, status: 413, key: "images.errors.tooLarge" };
  const type = detectImageType(bytes);
  if (!type) return { ok: false, status: 415, key: "images.errors.notImage" };
  const size = headerDimensions(bytes, type);
  if (!size || size.width < 1 || size.height < 1) return { ok: false, status: 400, key: "images.errors.unreadable" };
  if (size.width * size.height > IMAGE_MAX_PIXELS) return { ok: false, status: 413, key: "images.errors.tooManyPixels" };
  let pixels: Pixels;
  try {
    pixels = type === "jpeg" ? decodeJpeg(bytes) : decodePng(bytes);
  } catch (error) {
    if (/maxResolutionInMP|maxMemoryUsageInMB/.test(String((error as Error)?.message))) return { ok: false, status: 413, key: "images.errors.tooManyPixels" };
    return { ok: false, status: 400, key: "images.errors.unreadable" };
  }
  if (pixels.width !== size.width || pixels.height !== size.height || pixels.data.length < pixels.width * pixels.height * 4) {
    return { ok: false, status: 400, key: "images.errors.unreadable" };
  }
  const upright = type === "jpeg" ? orient(pixels, exifOrientation(bytes)) : pixels;
  // Always drawn again (also at full size): transparency goes onto white, and no byte of the upload is kept.
  const stored = downscale(upright, fittedSize(upright.width, upright.height));
  const encoded = jpeg.encode({ width: stored.width, height: stored.height, data: stored.data }, IMAGE_JPEG_QUALITY);
  return { ok: true, data: encoded.data, width: stored.width, height: stored.height };
}

function decodeJpeg(bytes: Uint8Array): Pixels {
  const decoded = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    maxResolutionInMP: IMAGE_MAX_PIXELS / 1_000_000,
    maxMemoryUsageInMB: DECODE_MEMORY_MB,
  });
  return { width: decoded.width, height: decoded.height, data: decoded.data };
}

function decodePng(bytes: Uint8Array): Pixels {
  // pngjs checks the CRCs, expands palettes, grey and 16-bit samples to 8-bit RGBA, and inflates no
  // more than the header's size needs.
  const decoded = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return { width: decoded.width, height: decoded.height, data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength) };
}

/** A new image id: 16 random bytes, base64url (22 characters). */
export function newImageId(): string {
  return randomBytes(16).toString("base64url");
}

function imageFile(id: string): string {
  return path.join(env().uploadDir, `${id}.jpg`);
}

/**
 * Stores an uploaded picture: no file (or an empty one, as a browser sends when nothing was chosen)
 * answers `id: null`; a refusal names `field` (the form's file input, "image" unless told).
 */
export async function storeImage(file: File | null, actorId: string | null, field = "image"): Promise<Outcome<{ id: string | null }>> {
  if (!file || file.size === 0) return { ok: true, id: null };
  if (file.size > IMAGE_MAX_BYTES) return refuse(413, "images.errors.tooLarge", field);
  const result = reencodeImage(new Uint8Array(await file.arrayBuffer()));
  if (!result.ok) return refuse(result.status, result.key, field);
  const id = newImageId();
  const target = imageFile(id);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  // Written under a temporary name and renamed, so /images never serves half a file.
  const partial = `${target}.partial`;
  await fs.promises.writeFile(partial, result.data, { flag: "wx" });
  await fs.promises.rename(partial, target);
  try {
    await db.image.create({ data: { id, width: result.width, height: result.height, bytes: result.data.byteLength, createdById: actorId } });
  } catch (error) {
    await fs.promises.rm(target, { force: true });
    throw error;
  }
  return { ok: true, id };
}

/**
 * Removes a picture's file and row when nothing refers to it any more (after a project's picture was
 * replaced or removed, or when the form that uploaded it was refused afterwards). Never throws.
 */
export async function discardImage(id: string | null | undefined): Promise<void> {
  if (!id || !isImageId(id)) return;
  try {
    const image = await db.image.findUnique({ where: { id }, include: { _count: { select: { projects: true, updates: true } } } });
    if (image && image._count.projects + image._count.updates > 0) return;
    if (image) await db.image.delete({ where: { id } });
    await fs.promises.rm(imageFile(id), { force: true });
  } catch (error) {
    console.error(`Could not remove picture ${id}:`, error);
  }
}

/** The file part of a form (null when the field is missing or is text). */
export function formFile(formData: FormData, name: string): File | null {
  const value = formData.get(name);
  return typeof value === "object" && value !== null ? (value as File) : null;
}

const tooLarge = () => new Response("Payload too large", { status: 413, statusText: "Payload Too Large" });
const badForm = () => new Response("Bad request: the form could not be read", { status: 400, statusText: "Bad Request" });

/**
 * Reads a form that may carry a picture (enctype="multipart/form-data"); an ordinary urlencoded post
 * is read as every other form (app/server/request.server.ts). A file over IMAGE_MAX_BYTES is kept
 * only up to IMAGE_MAX_BYTES + 1 bytes (the rest is read and dropped), so `storeImage` refuses it with
 * a 413 on its field and the rest of the form comes back as typed. A body over UPLOAD_MAX_BODY_BYTES,
 * a text field over 1 MB or more than four files is a bare 413, and a malformed body a 400 (thrown
 * Responses, like readForm's), never a 500.
 */
export async function parseUploadForm(request: Request): Promise<FormData> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) return readForm(request);
  if (Number(request.headers.get("Content-Length") ?? 0) > UPLOAD_MAX_BODY_BYTES) throw tooLarge();
  let total = 0;
  let over = false;
  // Counts the whole body; past the limit the rest is read and dropped (so the client gets the 413
  // rather than a reset connection).
  const counted = request.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        if (total > UPLOAD_MAX_BODY_BYTES) over = true;
        else controller.enqueue(chunk);
      },
    }),
  );
  const limited = new Request(request.url, { method: request.method, headers: request.headers, body: counted ?? null, duplex: "half" } as RequestInit);
  // Both kinds of part end in Remix's memory handler; a file's data is cut at IMAGE_MAX_BYTES + 1 first.
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: Math.max(IMAGE_MAX_BYTES + 1, TEXT_PART_MAX_BYTES) });
  let files = 0;
  const handler: UploadHandler = async (part) => {
    if (part.filename === undefined) {
      // Text fields: at most 1 MB each.
      return unstable_createMemoryUploadHandler({ maxPartSize: TEXT_PART_MAX_BYTES })(part);
    }
    files += 1;
    if (files > MAX_FILE_PARTS) {
      over = true;
      for await (const _chunk of part.data); // read and dropped
      return undefined;
    }
    return memory({ ...part, data: truncated(part.data, IMAGE_MAX_BYTES + 1) });
  };
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(limited, handler);
  } catch (error) {
    if (over || error instanceof MaxPartSizeExceededError) throw tooLarge();
    throw badForm();
  }
  if (over) throw tooLarge();
  return withoutNul(formData);
}

/** The chunks of `data` up to `keep` bytes; the rest is read and dropped. */
async function* truncated(data: AsyncIterable<Uint8Array>, keep: number): AsyncIterable<Uint8Array> {
  let size = 0;
  for await (const chunk of data) {
    if (size >= keep) continue;
    const room = keep - size;
    const part = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
    size += part.byteLength;
    yield part;
  }
}

/** A stored picture (GET /images/ID.jpg): 404 for an ill-formed or unknown id, before and without touching any other path. */
export async function imageResponse(name: string | undefined, method = "GET"): Promise<Response> {
  const id = name?.endsWith(".jpg") ? name.slice(0, -4) : null;
  if (!isImageId(id)) return notFound();
  const file = imageFile(id);
  let size: number;
  try {
    const stat = await fs.promises.stat(file);
    if (!stat.isFile()) return notFound();
    size = stat.size;
  } catch {
    return notFound();
  }
  const headers = {
    "Content-Type": "image/jpeg",
    "Content-Length": String(size),
    // X-Content-Type-Options: nosniff is set on every response by the server (app/server/index.ts).
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "public, max-age=31536000, immutable",
    "Content-Disposition": "inline",
    "Cross-Origin-Resource-Policy": "same-origin",
    ETag: `"${id}"`,
  };
  if (method === "HEAD") return new Response(null, { status: 200, headers });
  return new Response(createReadableStreamFromReadable(fs.createReadStream(file)), { status: 200, headers });
}

function notFound(): Response {
  return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
