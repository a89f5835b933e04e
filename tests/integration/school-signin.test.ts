// Sign-in with the school account through the built server and the real test OpenID provider.
import { describe, expect, it } from "vitest";
import { pageText, setupServer } from "./harness";
import { schoolAccountSetup, signInWithSchoolAccount } from "../support/school-account";

const provider = schoolAccountSetup();
const server = setupServer(provider.serverOptions);

describe("sign-in with the school account", () => {
  it("the 7B pupil signs in and reaches the ballot", async () => {
    const client = server.client();
    const res = await signInWithSchoolAccount(client, "oppilas-7b");
    expect(res.status, res.body.slice(0, 500)).toBe(302);
    expect(res.location).toBe("/account");
    const vote = await client.get("/vote");
    expect(vote.status).toBe(200);
    console.log(pageText(vote.body).slice(0, 300));
  });
});
