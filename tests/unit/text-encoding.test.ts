// Text imports are strict UTF-8 (app/shared/text-encoding.ts, decision 017): real byte fixtures of the
// encodings a spreadsheet saves (Latin-1, Windows-1252, UTF-16 with and without BOM) are refused with
// the line of the first bad byte; UTF-8, with or without BOM, and genuine Finnish and Swedish text pass.
import { describe, expect, it } from "vitest";
import { checkText, decodeText, decodeTextOrThrow, EncodingError, firstInvalidUtf8 } from "~/shared/text-encoding";

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));
/** Latin-1 bytes: one byte per character U+0000–U+00FF (Buffer's "latin1" is exactly that). */
const latin1 = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));
const utf16le = (s: string) => new Uint8Array(Buffer.from(s, "utf16le"));
function utf16be(s: string): Uint8Array {
  const le = Buffer.from(s, "utf16le");
  return new Uint8Array(le.swap16());
}
const bytes = (...b: number[]) => new Uint8Array(b);
const cat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

const FINNISH_SWEDISH = "nimi,kunta\nYlöjärvi;Åbo,Ääneko\nÖstersundom,Södra Haga\nCafé Éclair,Müller\nÅngström Ärlig Övik,ÄÖÅäöåé\n";

describe("decodeText: files", () => {
  it("accepts UTF-8 with genuine Finnish and Swedish letters, and drops a UTF-8 BOM", () => {
    expect(decodeText(utf8(FINNISH_SWEDISH))).toEqual({ ok: true, text: FINNISH_SWEDISH });
    expect(decodeText(cat(bytes(0xef, 0xbb, 0xbf), utf8(FINNISH_SWEDISH)))).toEqual({ ok: true, text: FINNISH_SWEDISH });
    expect(decodeText(utf8("school,class_level,eligible\n00101,7,111\n"))).toEqual({ ok: true, text: "school,class_level,eligible\n00101,7,111\n" });
    expect(decodeText(new Uint8Array())).toEqual({ ok: true, text: "" });
    // Other scripts and emoji are UTF-8 too.
    expect(decodeText(utf8("Αθήνα,Москва,東京,😀\n"))).toMatchObject({ ok: true });
  });

  it("refuses the Latin-1 bytes of 'Ylöjärvi;Åbo', naming the line of the first bad byte", () => {
    // "Ylöjärvi;Åbo" as Latin-1 (and Windows-1252) writes it: ö F6, ä E4, Å C5, one byte each.
    const ylojarviAbo = bytes(0x59, 0x6c, 0xf6, 0x6a, 0xe4, 0x72, 0x76, 0x69, 0x3b, 0xc5, 0x62, 0x6f);
    expect(latin1("Ylöjärvi;Åbo")).toEqual(ylojarviAbo);
    const file = cat(utf8("code,name\nY1,"), ylojarviAbo, utf8("\n"));
    expect(decodeText(file)).toEqual({ ok: false, kind: "latin-1", line: 2 });
    expect(decodeText(latin1("Ylöjärvi;Åbo"))).toEqual({ ok: false, kind: "latin-1", line: 1 });
    expect(decodeText(latin1("a\nb\nc\nÄänekoski\n"))).toEqual({ ok: false, kind: "latin-1", line: 4 });
    // A Latin-1 file whose only non-ASCII letter is on a CRLF line 3.
    expect(decodeText(latin1("a,b\r\nc,d\r\nSödra,e\r\n"))).toMatchObject({ kind: "latin-1", line: 3 });
  });

  it("refuses Windows-1252 (the euro sign 0x80, quotes 0x93 0x94, the dash 0x96)", () => {
    expect(decodeText(cat(utf8("cost,title\n100,"), bytes(0x80), utf8("\n")))).toEqual({ ok: false, kind: "latin-1", line: 2 });
    expect(decodeText(cat(utf8("a\nb\n"), bytes(0x93), utf8("Piha"), bytes(0x94, 0x20, 0x96, 0x20, 0xe4)))).toEqual({ ok: false, kind: "latin-1", line: 3 });
  });

  it("refuses UTF-16 LE and BE, with a BOM or without one", () => {
    const text = "school,class_level,eligible\n00101,7,111\nYlöjärvi,8,1\n";
    expect(decodeText(cat(bytes(0xff, 0xfe), utf16le(text)))).toEqual({ ok: false, kind: "utf-16", line: 1 });
    expect(decodeText(cat(bytes(0xfe, 0xff), utf16be(text)))).toEqual({ ok: false, kind: "utf-16", line: 1 });
    // Without a BOM, ASCII in UTF-16 is valid UTF-8 with a NUL beside every letter.
    expect(decodeText(utf16le(text))).toEqual({ ok: false, kind: "utf-16", line: 1 });
    expect(decodeText(utf16be(text))).toEqual({ ok: false, kind: "utf-16", line: 1 });
    expect(decodeText(utf16le("Åbo"))).toMatchObject({ ok: false, kind: "utf-16" });
  });

  it("refuses a UTF-8 file whose letters were already mis-decoded once (double-encoded)", () => {
    const doubled = Buffer.from(Buffer.from("code,name\nY1,Ylöjärvi\n", "utf8").toString("latin1"), "utf8");
    expect(decodeText(new Uint8Array(doubled))).toEqual({ ok: false, kind: "mojibake", line: 2, found: "Ã¶" });
    expect(decodeText(utf8("a\nLost \uFFFD letter\n"))).toEqual({ ok: false, kind: "replacement", line: 2 });
  });

  it("finds the first bad byte as TextDecoder's strict rules do", () => {
    expect(firstInvalidUtf8(utf8("Ylöjärvi 😀"))).toBe(-1);
    expect(firstInvalidUtf8(bytes(0x61, 0xc0, 0x80))).toBe(1); // overlong
    expect(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80))).toBe(0); // a surrogate
    expect(firstInvalidUtf8(bytes(0x61, 0x62, 0xc3))).toBe(2); // cut short at the end
    expect(firstInvalidUtf8(bytes(0xf4, 0x90, 0x80, 0x80))).toBe(0); // above U+10FFFF
  });
});

describe("checkText: pasted text", () => {
  it("accepts genuine Finnish and Swedish text, Åbo included", () => {
    expect(checkText(FINNISH_SWEDISH)).toEqual({ ok: true });
    expect(checkText("Åbo Akademi; Ähtäri, Öljytie – ”lainaus” « » § 5 °C, 10 €, naïve, São Paulo, SÃO PAULO, Ãx")).toEqual({ ok: true });
    expect(checkText("school,class_level,eligible\r\n00101,7,111\r\n")).toEqual({ ok: true });
  });

  it.each([
    ["ä", "Ã¤"],
    ["ö", "Ã¶"],
    ["å", "Ã¥"],
    ["é", "Ã©"],
    ["Ä (Windows-1252)", "Ã„"],
    ["Ö (Windows-1252)", "Ã–"],
    ["Å (Windows-1252)", "Ã…"],
    ["Ä (Latin-1)", "Ã\u0084"],
    ["no-break space", "Â\u00a0"],
    ["€ (Windows-1252)", "â‚¬"],
    ["– (Windows-1252)", "â€“"],
  ])("refuses the mojibake of %s, naming its line", (_letter, found) => {
    expect(checkText(`school,name\r\n00101,Koulu\r\n00102,Yl${found}rvi\r\n`)).toEqual({ ok: false, kind: "mojibake", line: 3, found });
  });

  it("refuses the mojibake of a whole line as Windows-1252 shows it", () => {
    const mojibake = Buffer.from("Ylöjärvi;Åbo", "utf8").toString("latin1");
    expect(checkText(`x\n${mojibake}`)).toMatchObject({ ok: false, kind: "mojibake", line: 2 });
    expect(checkText("Ylöjärvi;Ã…bo")).toMatchObject({ ok: false, kind: "mojibake", line: 1, found: "Ã…" });
  });

  it("refuses the replacement character, which stands for a letter already lost", () => {
    expect(checkText("school\n00101\nYl\uFFFDj\uFFFDrvi\n")).toEqual({ ok: false, kind: "replacement", line: 3 });
  });
});

describe("decodeTextOrThrow: the command line's words", () => {
  it("names the file, the line and the fix", () => {
    expect(decodeTextOrThrow("ok.csv", utf8("a\n"))).toBe("a\n");
    expect(() => decodeTextOrThrow("schools.csv", latin1("code\nÅbo\n"))).toThrow(
      "schools.csv: line 2: the file is not UTF-8 (it looks like Latin-1/Windows-1252); save the file as UTF-8 (CSV UTF-8 in Excel) and import it again",
    );
    expect(() => decodeTextOrThrow("e.csv", cat(bytes(0xff, 0xfe), utf16le("a\n")))).toThrow(/^e\.csv: line 1: the file is UTF-16 .*, not UTF-8; save the file as UTF-8/);
    expect(() => decodeTextOrThrow("round.json", latin1('{"name":"Ä"}'), false)).toThrow("save the file as UTF-8 and run the command again");
    try {
      decodeTextOrThrow("x.csv", latin1("Ä"));
    } catch (error) {
      expect(error).toBeInstanceOf(EncodingError);
      expect((error as EncodingError).problem).toEqual({ kind: "latin-1", line: 1 });
    }
  });
});
