// The fixture people of the development/test OpenID provider (tests/support/idp.ts): MPASSid claims
// (data model 1.4) as a relying party receives them. Schools are demo schools (app/cli/demo-data.ts),
// except the one outside the register. Learner ids are in the format of the national learner
// number (1.2.246.562.24.*) but are made up. tests/unit/mpass.test.ts checks each person's outcome.
import { MPASSID_CLAIMS as C } from "../../app/features/access/mpass";

/** How the provider spoils a person's ID token (signed with its real key, so only the claims are wrong). */
export type TokenFault = "expired" | "wrong-audience" | "bad-signature";

export interface FixturePerson {
  /** What the tester picks on the provider's sign-in page; also the `sub`. */
  id: string;
  /** Shown on the sign-in page. */
  label: string;
  claims: Record<string, unknown>;
  tokenFault?: TokenFault;
}

const HELSINKI = "1.2.246.562.10.346830761110;Helsingin kaupunki";

export const FIXTURE_PEOPLE: readonly FixturePerson[] = [
  {
    id: "oppilas-7b",
    label: "Oppilas 7B, Malmin peruskoulu (00501)",
    claims: {
      given_name: "Testi",
      family_name: "Oppilas",
      [C.learnerId]: "1.2.246.562.24.10000000001",
      [C.uid]: "mpass-fixture-7b",
      [C.schoolInfo]: ["00501;Malmin peruskoulu"],
      [C.classLevel]: "7",
      [C.role]: ["Helsinki;00501;7B;Oppilas;1"],
      [C.educationProviderInfo]: [HELSINKI],
    },
  },
  {
    id: "lukiolainen",
    label: "Lukiolainen, Helsingin normaalilyseo (00104, peruskoulu ja lukio), ryhmä 2C, ei vuosiluokkaa",
    claims: {
      given_name: "Testi",
      family_name: "Lukiolainen",
      [C.learnerId]: "1.2.246.562.24.10000000002",
      [C.uid]: "mpass-fixture-lukio",
      [C.schoolInfo]: "00104;Helsingin normaalilyseo",
      [C.role]: "Helsinki;00104;2C;Opiskelija;1",
      [C.educationProviderInfo]: HELSINKI,
    },
  },
  {
    id: "elev-sv",
    label: "Elev 8A, Zacharias Topeliusskolan (00105)",
    claims: {
      given_name: "Test",
      family_name: "Elev",
      [C.learnerId]: "1.2.246.562.24.10000000003",
      [C.uid]: "mpass-fixture-sv",
      [C.schoolInfo]: ["00105;Zacharias Topeliusskolan"],
      [C.classLevel]: 8,
      [C.role]: ["Helsingfors;00105;8A;Elev;1"],
      [C.educationProviderInfo]: ["1.2.246.562.10.346830761110;Helsingfors stad"],
    },
  },
  {
    id: "opettaja",
    label: "Opettaja, Malmin peruskoulu ja Malmin lukio (00501, 00502)",
    claims: {
      given_name: "Testi",
      family_name: "Opettaja",
      [C.uid]: "mpass-fixture-opettaja",
      [C.schoolInfo]: ["00501;Malmin peruskoulu", "00502;Malmin lukio"],
      [C.role]: ["Helsinki;00501;;Opettaja;2", "Helsinki;00502;;Opettaja;2"],
      [C.educationProviderInfo]: [HELSINKI],
    },
  },
  {
    id: "kaksi-koulua",
    label: "Kaksoistutkinto: Kallion lukio (00301, ryhmä 2B) ja Stadin ammatti- ja aikuisopisto (00304)",
    claims: {
      given_name: "Testi",
      family_name: "Kaksoistutkinto",
      [C.learnerId]: "1.2.246.562.24.10000000005",
      [C.uid]: "mpass-fixture-kaksi",
      [C.schoolInfo]: ["00301;Kallion lukio", "00304;Stadin ammatti- ja aikuisopisto, Vilhonvuori"],
      [C.role]: ["Helsinki;00301;2B;Opiskelija;1", "Helsinki;00304;SÄH-B;Opiskelija;1"],
      [C.educationProviderInfo]: [HELSINKI],
    },
  },
  {
    id: "ulkopuolinen",
    label: "Oppilas, koulu rekisterin ulkopuolelta (Espoo, 99901)",
    claims: {
      given_name: "Testi",
      family_name: "Espoolainen",
      [C.learnerId]: "1.2.246.562.24.10000000006",
      [C.uid]: "mpass-fixture-espoo",
      [C.schoolInfo]: ["99901;Espoon yhteiskoulu"],
      [C.classLevel]: "8",
      [C.role]: ["Espoo;99901;8A;Oppilas;1"],
      [C.educationProviderInfo]: ["1.2.246.562.10.90008375488;Espoon kaupunki"],
    },
  },
  {
    id: "ei-koulua",
    label: "Oppilas ilman koulutietoa (schoolInfo puuttuu)",
    claims: {
      [C.learnerId]: "1.2.246.562.24.10000000007",
      [C.uid]: "mpass-fixture-eikoulua",
      [C.role]: ["Helsinki;;;Oppilas;1"],
      [C.educationProviderInfo]: [HELSINKI],
    },
  },
  {
    id: "vanhentunut",
    label: "Oppilas 7B, mutta vanhentunut ID-tunniste (expired ID token)",
    tokenFault: "expired",
    claims: {
      [C.learnerId]: "1.2.246.562.24.10000000008",
      [C.uid]: "mpass-fixture-expired",
      [C.schoolInfo]: ["00501;Malmin peruskoulu"],
      [C.classLevel]: "7",
      [C.role]: ["Helsinki;00501;7B;Oppilas;1"],
      [C.educationProviderInfo]: [HELSINKI],
    },
  },
  {
    id: "vaara-yleiso",
    label: "Oppilas 7B, mutta ID-tunniste toiselle palvelulle (wrong audience)",
    tokenFault: "wrong-audience",
    claims: {
      [C.learnerId]: "1.2.246.562.24.10000000009",
      [C.uid]: "mpass-fixture-audience",
      [C.schoolInfo]: ["00501;Malmin peruskoulu"],
      [C.classLevel]: "7",
      [C.role]: ["Helsinki;00501;7B;Oppilas;1"],
      [C.educationProviderInfo]: [HELSINKI],
    },
  },
];

/** All claim names the provider releases (with scope `profile`). */
export const RELEASED_CLAIMS = ["given_name", "family_name", ...Object.values(C)];

export function fixturePerson(id: string): FixturePerson {
  const person = FIXTURE_PEOPLE.find((p) => p.id === id);
  if (!person) throw new Error(`No fixture person "${id}"`);
  return person;
}
