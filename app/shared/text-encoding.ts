// Text imports are UTF-8 and nothing else (docs/decisions/017-text-encoding.md). A file's bytes are
// decoded strictly (a UTF-8 byte-order mark is dropped); anything else is refused with the reason and
// the line, so that the user saves the file as UTF-8 instead of storing mis-decoded letters:
// - "utf-16": a UTF-16 byte-order mark, or the NUL bytes every other byte that UTF-16 puts beside
//   ASCII letters (Excel's "Unicode text");
// - "latin-1": a byte sequence that is not UTF-8, which in a Finnish or Swedish file is almost
//   always Latin-1 or Windows-1252 ("ä" as the one byte E4);
// - "mojibake": valid text with the letters of UTF-8 read as Latin-1/Windows-1252 ("Ã¤" for "ä"),
//   which is what a paste box gets when the file was opened with the wrong encoding before copying;
// - "replacement": the replacement character U+FFFD, which stands for letters already lost.
// Pasted text is decoded by the browser, so only the last two apply to it (`checkText`).

export type EncodingProblem =
  | { kind: "utf-16"; line: number }
  | { kind: "latin-1"; line: number }
  | { kind: "mojibake"; line: number; found: string }
  | { kind: "replacement"; line: number };

export type Decoded = { ok: true; text: string } | ({ ok: false } & EncodingProblem);

/** Strict: a byte that is not UTF-8 throws instead of becoming U+FFFD. The BOM is dropped by hand (below). */
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * UTF-8 read as Latin-1 or Windows-1252: "Ã" or "Â" (the lead bytes C3 and C2, which carry every
 * letter of Latin-1: ä ö å Ä Ö Å é ü, no-break space, §, °) followed by a continuation byte, seen as
 * Latin-1 (U+0080–U+00BF) or as Windows-1252 ("„" for 84, "–" for 96, "…" for 85); and "â€" or "â‚"
 * (E2 80, E2 82: dashes, quotes, €). Finnish and Swedish never write these pairs.
 */
const CONTINUATION = "\\u0080-\\u00BF\\u0152\\u0153\\u0160\\u0161\\u0178\\u017D\\u017E\\u0192\\u02C6\\u02DC\\u2013\\u2014\\u2018-\\u201A\\u201C-\\u201E\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203A\\u20AC\\u2122";
const MOJIBAKE = new RegExp(`[\\u00C2\\u00C3][${CONTINUATION}]|\\u00E2[\\u20AC\\u201A][${CONTINUATION}]`);

/** The 1-based line of position `index` in `text`. */
function lineOfIndex(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 0x0a) line++;
  return line;
}

/** The 1-based line of byte `offset`: LF bytes before it, plus one. */
function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * The offset of the first byte that is not part of a well-formed UTF-8 sequence (the WHATWG rules
 * TextDecoder follows: no overlong forms, surrogates or code points above U+10FFFF), or -1.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < lower || c > upper) return i;
      lower = 0x80;
      upper = 0xbf;
    }
    i += need + 1;
  }
  return -1;
}

/** UTF-16 without a byte-order mark: in its first 4 KB, NUL in most of the even or of the odd bytes. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 2) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  return even >= pairs / 2 || odd >= pairs / 2;
}

/** Checks decoded text (a paste box, or a file after decoding): mis-decoded or lost letters. */
export function checkText(text: string): { ok: true } | ({ ok: false } & EncodingProblem) {
  const lost = text.indexOf("\uFFFD");
  const bad = MOJIBAKE.exec(text);
  if (lost >= 0 && (!bad || lost < bad.index)) return { ok: false, kind: "replacement", line: lineOfIndex(text, lost) };
  if (bad) return { ok: false, kind: "mojibake", line: lineOfIndex(text, bad.index), found: bad[0] };
  return { ok: true };
}

/** Decodes a text file's bytes as strict UTF-8 (a BOM is dropped), or says why it is not UTF-8 text. */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, kind: "utf-16", line: 1 };
  }
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  if (body.includes(0) && looksLikeUtf16(body)) return { ok: false, kind: "utf-16", line: 1 };
  let text: string;
  try {
    text = UTF8.decode(body);
  } catch {
    const offset = firstInvalidUtf8(body);
    return { ok: false, kind: "latin-1", line: offset < 0 ? 1 : lineOfOffset(body, offset) };
  }
  const checked = checkText(text);
  return checked.ok ? { ok: true, text } : checked;
}

/** The command line's (English) words for a problem: "line 2: the file is not UTF-8 (…); save it as UTF-8 …". */
export function encodingProblemMessage(problem: EncodingProblem, spreadsheet = true): string {
  const fix = spreadsheet ? "save the file as UTF-8 (CSV UTF-8 in Excel) and import it again" : "save the file as UTF-8 and run the command again";
  switch (problem.kind) {
    case "utf-16":
      return `line ${problem.line}: the file is UTF-16 (Excel's "Unicode text"), not UTF-8; ${fix}`;
    case "latin-1":
      return `line ${problem.line}: the file is not UTF-8 (it looks like Latin-1/Windows-1252); ${fix}`;
    case "mojibake":
      return `line ${problem.line}: the text has letters read with the wrong encoding ("${problem.found}", e.g. "Ã¤" for "ä"); open the original file as UTF-8, or ${fix}`;
    case "replacement":
      return `line ${problem.line}: the text has the replacement character "\uFFFD", a letter lost to a wrong encoding; ${fix}`;
  }
}

/** The problem of a refused decode or check, without its `ok`. */
export function problemOf(refused: { ok: false } & EncodingProblem): EncodingProblem {
  const { ok, ...problem } = refused;
  void ok;
  return problem as EncodingProblem;
}

/** A file that is not UTF-8 text, for the command line: "FILE: line N: …; save the file as UTF-8 …". */
export class EncodingError extends Error {
  constructor(
    readonly file: string,
    readonly problem: EncodingProblem,
    spreadsheet = true,
  ) {
    super(`${file}: ${encodingProblemMessage(problem, spreadsheet)}`);
    this.name = "EncodingError";
  }
}

/** Decodes a file's bytes for an import, or throws EncodingError naming `file` and the line. */
export function decodeTextOrThrow(file: string, bytes: Uint8Array, spreadsheet = true): string {
  const decoded = decodeText(bytes);
  if (decoded.ok) return decoded.text;
  throw new EncodingError(file, problemOf(decoded), spreadsheet);
}
