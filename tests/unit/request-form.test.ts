// readForm (app/server/request.server.ts): a URL-encoded body is parsed without building a Response
// around it; what a form posts must come out exactly as the standard Response.formData() reads it,
// with NUL characters removed.
import { describe, expect, it } from "vitest";
import { MAX_FORM_BYTES, readForm } from "~/server/request.server";

const post = (body: BodyInit, contentType: string) => new Request("http://localhost/vote", { method: "POST", body, headers: { "Content-Type": contentType } });

async function standard(body: Uint8Array<ArrayBuffer> | string, contentType: string): Promise<[string, string][]> {
  const form = await new Response(body, { headers: { "Content-Type": contentType } }).formData();
  return [...form].map(([name, value]) => [name.replaceAll("\0", ""), String(value).replaceAll("\0", "")]);
}

const entries = (form: FormData) => [...form].map(([name, value]) => [name, String(value)]);

describe("readForm, URL-encoded", () => {
  const bodies: [string, Uint8Array<ArrayBuffer> | string][] = [
    ["the ballot's picks, repeated names kept in order", "intent=cast&pick%3Akeskinen=p1&pick%3Akeskinen=p2&pick%3Akoko-kaupunki=p9"],
    ["plus as space, percent escapes, Finnish and Swedish letters", "title=Uusi+keinu+%C3%A4%C3%B6%C3%A5&note=50%25+%26+more&x=%E2%82%AC"],
    ["empty names and values, missing =, stray &", "&=&a&b=&=c&&d=1"],
    ["a malformed escape is kept as typed", "a=%ZZ%4&b=%"],
    ["NUL characters removed from names and values", "na%00me=va%00lue"],
    ["a leading BOM", new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("a=1")])],
    ["invalid UTF-8 becomes U+FFFD", new Uint8Array([...new TextEncoder().encode("a="), 0xff, 0xfe, 0x41])],
    ["an empty body", ""],
  ];
  for (const [what, body] of bodies) {
    it(`reads ${what} as Response.formData() does`, async () => {
      const expected = await standard(body, "application/x-www-form-urlencoded");
      expect(entries(await readForm(post(body, "application/x-www-form-urlencoded")))).toEqual(expected);
    });
  }

  it("accepts the type in any case and with a charset", async () => {
    expect(entries(await readForm(post("a=%C3%A4", "Application/X-WWW-Form-Urlencoded; charset=UTF-8")))).toEqual([["a", "ä"]]);
  });

  it("removes NUL characters", async () => {
    expect(entries(await readForm(post("na%00me=va%00lue", "application/x-www-form-urlencoded")))).toEqual([["name", "value"]]);
  });

  it("answers 413 past the limit", async () => {
    const error = await readForm(post(`a=${"x".repeat(MAX_FORM_BYTES)}`, "application/x-www-form-urlencoded")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(413);
  });
});

describe("readForm, other bodies", () => {
  it("reads a multipart form with a file", async () => {
    const sent = new FormData();
    sent.append("title", "Keinu\0");
    sent.append("picture", new Blob([new Uint8Array([1, 2, 3])], { type: "image/png" }), "a.png");
    const form = await readForm(new Request("http://localhost/x", { method: "POST", body: sent }));
    expect(form.get("title")).toBe("Keinu");
    const file = form.get("picture") as File;
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it("answers 400 to a multipart body that cannot be read", async () => {
    const error = await readForm(post("not multipart at all", "multipart/form-data; boundary=xyz")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(400);
  });
});
