import { describe, expect, it } from "vitest";
import { codeSignInSchema, passwordSignInSchema } from "~/features/access/signin";
import { safeRedirect } from "~/shared/forms";
import en from "~/shared/i18n/en";

type ZodLike = { safeParse(v: unknown): { success: true } | { success: false; error: { issues: Array<{ path: (string | number)[]; message: string }> } } };

/** The error messages (translation keys) of a failed parse, by field. */
function messagesOf(schema: ZodLike, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  return Object.fromEntries(result.error.issues.map((i) => [String(i.path[0] ?? ""), i.message]));
}

/** Whether a translation key such as "errors.emailRequired" exists in the English catalogue. */
function isKey(key: string): boolean {
  let node: unknown = en;
  for (const part of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === "string" && node.length > 0;
}

describe("passwordSignInSchema", () => {
  it("trims and lower-cases the email address", () => {
    const result = passwordSignInSchema.safeParse({ email: "  Maija.Meikalainen@EDU.hel.fi ", password: "correct horse battery" });
    expect(result.success && result.data.email).toBe("maija.meikalainen@edu.hel.fi");
  });

  it("keeps the password exactly as typed", () => {
    const result = passwordSignInSchema.safeParse({ email: "a@edu.hel.fi", password: " Secret Pass " });
    expect(result.success && result.data.password).toBe(" Secret Pass ");
  });

  it("asks for a missing email address", () => {
    expect(messagesOf(passwordSignInSchema, { password: "x" }).email).toBe("errors.emailRequired");
  });

  it("refuses what is not an email address", () => {
    expect(messagesOf(passwordSignInSchema, { email: "maija", password: "x" }).email).toBe("errors.emailInvalid");
  });

  it("asks for a missing password", () => {
    expect(messagesOf(passwordSignInSchema, { email: "a@edu.hel.fi" }).password).toBe("errors.passwordRequired");
  });

  it("answers with keys that exist in the translations", () => {
    const keys = [
      ...Object.values(messagesOf(passwordSignInSchema, {})),
      ...Object.values(messagesOf(passwordSignInSchema, { email: "nope", password: "x" })),
      ...Object.values(messagesOf(codeSignInSchema, {})),
      ...Object.values(messagesOf(codeSignInSchema, { code: "nope" })),
    ];
    expect(keys.length).toBeGreaterThanOrEqual(4);
    for (const key of keys) expect(isKey(key), key).toBe(true);
  });
});

describe("codeSignInSchema", () => {
  it("normalises the code the pupil typed", () => {
    const result = codeSignInSchema.safeParse({ code: " 7kq2 m9xd–4tra " });
    expect(result.success && result.data.code).toBe("7KQ2M9XD4TRA");
  });

  it("reads look-alike letters as digits", () => {
    const result = codeSignInSchema.safeParse({ code: "oooo-iiii-llll" });
    expect(result.success && result.data.code).toBe("000011111111");
  });

  it.each([["7KQ2-M9XD"], ["7KQ2-M9XD-4TRU"], ["hello"], ["7".repeat(100)]])("calls %j malformed", (code) => {
    expect(messagesOf(codeSignInSchema, { code }).code).toBe("errors.codeMalformed");
  });

  it("asks for a missing code", () => {
    expect(messagesOf(codeSignInSchema, {}).code).toBe("errors.codeRequired");
  });
});

describe("safeRedirect", () => {
  const ORIGIN = "https://omakoulu.example";

  it.each([["/"], ["/account"], ["/x?y"], ["/rounds/omastadi-2026?tab=areas#budgets"]])("allows the local path %j", (to) => {
    expect(safeRedirect(to)).toBe(to);
  });

  it.each([
    ["//evil.com"],
    ["//evil.com/account"],
    ["https://evil"],
    ["http://evil.com/"],
    ["/\\evil"],
    ["/\\/evil.com"],
    ["\\\\evil.com"],
    ["javascript:alert(1)"],
    ["evil.com"],
    [""],
  ])("refuses %j", (to) => {
    expect(safeRedirect(to)).toBe("/");
    expect(safeRedirect(to, "/account")).toBe("/account");
  });

  it.each([[null], [undefined], [new File(["x"], "x.txt")]])("refuses a value that is not a string (%s)", (to) => {
    expect(safeRedirect(to)).toBe("/");
  });

  it.each([["/\t/evil.com"], ["/\t\t/evil.com"], ["/ /evil.com"]])("never leaves the site, even with %j", (to) => {
    // Browsers drop tabs and line breaks from URLs, so "/<tab>/evil.com" is read as "//evil.com".
    const target = new URL(safeRedirect(to), ORIGIN);
    expect(target.origin).toBe(ORIGIN);
  });
});
