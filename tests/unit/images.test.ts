// The picture pipeline (app/shared/images.ts, app/shared/images.server.ts): JPEG and PNG are told by
// their bytes, re-encoded as a fresh JPEG without metadata and scaled down; everything else is
// refused with the message that names the fix. Test pictures are made here with jpeg-js and pngjs.
import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { IMAGE_MAX_BYTES, detectImageType, downscale, exifOrientation, fittedSize, headerDimensions, isImageId, orient } from "~/shared/images";
import { formFile, newImageId, parseUploadForm, reencodeImage, storeImage } from "~/shared/images.server";

/** A width × height RGBA picture: red on the left half, blue on the right. */
function pixels(width: number, height: number, alpha = 255): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const left = x < width / 2;
      data[i] = left ? 220 : 20;
      data[i + 1] = 30;
      data[i + 2] = left ? 20 : 220;
      data[i + 3] = alpha;
    }
  }
  return data;
}

function makeJpeg(width: number, height: number): Buffer {
  return jpeg.encode({ width, height, data: pixels(width, height) }, 90).data;
}

function makePng(width: number, height: number, alpha = 255): Buffer {
  const png = new PNG({ width, height });
  pixels(width, height, alpha).copy(png.data);
  return PNG.sync.write(png);
}

/** An APP1 "Exif" segment with a GPS IFD pointer and an orientation, as a phone writes. */
function exifSegment(orientation = 1): Buffer {
  // TIFF header (big-endian), IFD0 with two entries: Orientation (0x0112) and GPSInfo (0x8825).
  const tiff = Buffer.alloc(8 + 2 + 2 * 12 + 4 + 2 + 12 + 4 + 24);
  tiff.write("MM", 0, "latin1");
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(2, 8);
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt16BE(0x8825, 22);
  tiff.writeUInt16BE(4, 24);
  tiff.writeUInt32BE(1, 26);
  tiff.writeUInt32BE(38, 30);
  tiff.writeUInt32BE(0, 34);
  // GPS IFD: one entry (GPSLatitudeRef 'N') — enough to be recognisable.
  tiff.writeUInt16BE(1, 38);
  tiff.writeUInt16BE(0x0001, 40);
  tiff.writeUInt16BE(2, 42);
  tiff.writeUInt32BE(2, 44);
  tiff.write("N\0", 48, "latin1");
  tiff.write("GPS-60.1699N-24.9384E", 56, "latin1");
  const body = Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([header, body]);
}

/** The JPEG with an Exif segment right after its start-of-image marker. */
function withExif(file: Buffer, orientation = 1): Buffer {
  return Buffer.concat([file.subarray(0, 2), exifSegment(orientation), file.subarray(2)]);
}

/** The markers of a JPEG's segments before its image data. */
function markers(file: Buffer): number[] {
  const found: number[] = [];
  let i = 2;
  while (i + 4 <= file.length && file[i] === 0xff) {
    const marker = file[i + 1]!;
    found.push(marker);
    if (marker === 0xda) break;
    i += 2 + file.readUInt16BE(i + 2);
  }
  return found;
}

describe("telling pictures by their bytes", () => {
  it("recognises JPEG and PNG, and nothing else", () => {
    expect(detectImageType(makeJpeg(4, 4))).toBe("jpeg");
    expect(detectImageType(makePng(4, 4))).toBe("png");
    expect(detectImageType(Buffer.from("GIF89a\x01\x00\x01\x00", "latin1"))).toBeNull();
    expect(detectImageType(Buffer.from("%PDF-1.7\n", "latin1"))).toBeNull();
    expect(detectImageType(Buffer.from("hello", "utf8"))).toBeNull();
    expect(detectImageType(new Uint8Array())).toBeNull();
  });

  it("reads the size from the header", () => {
    expect(headerDimensions(makeJpeg(33, 17), "jpeg")).toEqual({ width: 33, height: 17 });
    expect(headerDimensions(withExif(makeJpeg(33, 17)), "jpeg")).toEqual({ width: 33, height: 17 });
    expect(headerDimensions(makePng(33, 17), "png")).toEqual({ width: 33, height: 17 });
  });

  it("accepts only well-formed ids", () => {
    expect(isImageId(newImageId())).toBe(true);
    expect(isImageId("../../etc/passwd")).toBe(false);
    expect(isImageId("abc")).toBe(false);
    expect(isImageId("a".repeat(21) + "/")).toBe(false);
  });
});

describe("re-encoding", () => {
  it("re-encodes a JPEG as a new JPEG of the same size", () => {
    const result = reencodeImage(makeJpeg(64, 48));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([result.width, result.height]).toEqual([64, 48]);
    expect(detectImageType(result.data)).toBe("jpeg");
    const back = jpeg.decode(result.data, { useTArray: true });
    expect([back.width, back.height]).toEqual([64, 48]);
    // Still red on the left and blue on the right.
    expect(back.data[(24 * 64 + 4) * 4]!).toBeGreaterThan(150);
    expect(back.data[(24 * 64 + 60) * 4 + 2]!).toBeGreaterThan(150);
  });

  it("re-encodes a PNG as a JPEG, transparency laid over white", () => {
    const result = reencodeImage(makePng(40, 30, 0));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(detectImageType(result.data)).toBe("jpeg");
    const back = jpeg.decode(result.data, { useTArray: true });
    expect([back.width, back.height]).toEqual([40, 30]);
    expect(back.data[(15 * 40 + 5) * 4]!).toBeGreaterThan(240);
    expect(back.data[(15 * 40 + 5) * 4 + 1]!).toBeGreaterThan(240);
  });

  it("drops EXIF (a photo's GPS position) and every other segment of the upload", () => {
    const photo = withExif(makeJpeg(32, 32));
    expect(markers(photo)).toContain(0xe1);
    expect(photo.includes(Buffer.from("Exif\0\0", "latin1"))).toBe(true);
    const result = reencodeImage(photo);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(markers(result.data)).not.toContain(0xe1);
    expect(result.data.includes(Buffer.from("Exif", "latin1"))).toBe(false);
    expect(result.data.includes(Buffer.from("GPS", "latin1"))).toBe(false);
  });

  it("turns a photo upright by its EXIF orientation before dropping it", () => {
    const photo = withExif(makeJpeg(40, 20), 6);
    expect(exifOrientation(photo)).toBe(6);
    const result = reencodeImage(photo);
    expect(result.ok && [result.width, result.height]).toEqual([20, 40]);
    const turned = orient({ width: 2, height: 1, data: new Uint8Array([1, 1, 1, 1, 2, 2, 2, 2]) }, 6);
    expect([turned.width, turned.height, turned.data[0], turned.data[4]]).toEqual([1, 2, 1, 2]);
  });

  it("scales the longer side down to 1600 pixels", () => {
    expect(fittedSize(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fittedSize(1000, 5000)).toEqual({ width: 320, height: 1600 });
    expect(fittedSize(800, 600)).toEqual({ width: 800, height: 600 });
    const result = reencodeImage(makeJpeg(2000, 500));
    expect(result.ok && [result.width, result.height]).toEqual([1600, 400]);
    const averaged = downscale({ width: 2, height: 1, data: new Uint8Array([0, 0, 0, 255, 200, 100, 50, 255]) }, { width: 1, height: 1 });
    expect([...averaged.data]).toEqual([100, 50, 25, 255]);
  });
});

describe("refusals", () => {
  const gif = Buffer.from("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==", "base64");
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1");

  it.each([
    ["a GIF", gif],
    ["a text file", Buffer.from("just some text, not a picture\n", "utf8")],
    ["a PDF", pdf],
  ])("refuses %s named .jpg and declared image/jpeg as not a picture (415)", async (_name, bytes) => {
    const file = new File([bytes], "holiday.jpg", { type: "image/jpeg" });
    expect(await storeImage(file, null, "picture")).toEqual({ ok: false, status: 415, error: { key: "images.errors.notImage" }, field: "picture" });
  });

  it("refuses a file over 5 MB (413) on the field it names, 'image' unless told", async () => {
    const big = new File([Buffer.concat([makeJpeg(8, 8), Buffer.alloc(IMAGE_MAX_BYTES)])], "big.jpg", { type: "image/jpeg" });
    expect(await storeImage(big, null)).toEqual({ ok: false, status: 413, error: { key: "images.errors.tooLarge" }, field: "image" });
  });

  it("refuses more than 40 megapixels from the header, before decoding (413)", () => {
    const header = makePng(1, 1);
    header.writeUInt32BE(8000, 16);
    header.writeUInt32BE(6000, 20);
    expect(reencodeImage(header)).toEqual({ ok: false, status: 413, key: "images.errors.tooManyPixels" });
    const photo = makeJpeg(8, 8);
    const sof = photo.indexOf(Buffer.from([0xff, 0xc0]));
    photo.writeUInt16BE(7000, sof + 5);
    photo.writeUInt16BE(7000, sof + 7);
    expect(reencodeImage(photo)).toEqual({ ok: false, status: 413, key: "images.errors.tooManyPixels" });
  });

  it("refuses a damaged picture as unreadable (400)", () => {
    const png = makePng(16, 16);
    expect(reencodeImage(png.subarray(0, 40))).toEqual({ ok: false, status: 400, key: "images.errors.unreadable" });
    expect(reencodeImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00]))).toEqual({ ok: false, status: 400, key: "images.errors.unreadable" });
  });

  it("answers no picture for no file or an empty one", async () => {
    expect(await storeImage(null, null)).toEqual({ ok: true, id: null });
    expect(await storeImage(new File([], ""), null)).toEqual({ ok: true, id: null });
  });
});

describe("reading a form with a picture", () => {
  const post = (body: FormData | URLSearchParams) => new Request("http://localhost/projects/new", { method: "POST", body });

  it("reads multipart fields and the file", async () => {
    const form = new FormData();
    form.set("titleFi", "Kiipeilyteline");
    form.set("image", new File([new Uint8Array(makePng(4, 4))], "a.png", { type: "image/png" }));
    const parsed = await parseUploadForm(post(form));
    expect(parsed.get("titleFi")).toBe("Kiipeilyteline");
    expect(formFile(parsed, "image")?.size).toBe(makePng(4, 4).length);
    expect(formFile(parsed, "titleFi")).toBeNull();
  });

  it("keeps the other fields when the file is too large, and cuts the file so storeImage refuses it", async () => {
    const form = new FormData();
    form.set("image", new File([Buffer.alloc(IMAGE_MAX_BYTES + 300_000)], "big.jpg", { type: "image/jpeg" }));
    form.set("titleFi", "Kiipeilyteline");
    const parsed = await parseUploadForm(post(form));
    expect(parsed.get("titleFi")).toBe("Kiipeilyteline");
    const file = formFile(parsed, "image");
    expect(file?.size).toBe(IMAGE_MAX_BYTES + 1);
    expect(await storeImage(file, null)).toMatchObject({ ok: false, status: 413 });
  });

  it("reads an ordinary urlencoded post too", async () => {
    const parsed = await parseUploadForm(post(new URLSearchParams({ titleFi: "Penkit" })));
    expect(parsed.get("titleFi")).toBe("Penkit");
  });

  it("answers a malformed multipart body with 400", async () => {
    const request = new Request("http://localhost/x", { method: "POST", headers: { "Content-Type": "multipart/form-data; boundary=xyz" }, body: "--xyz\r\nContent-Disposition: form-data\r\n\r\nbroken" });
    await expect(parseUploadForm(request)).rejects.toMatchObject({ status: 400 });
  });
});
