// Demo ideas and ballot projects, so that the browse page, moderation and (later) the ballot have
// something real to show. Authors are the demo pupils; reasons are written in the proposer's language.
import type { AreaSlug, Sector } from "~/domain/catalog";
import type { EventType, ProposalStatus } from "~/domain/proposals";

export interface DemoProposal {
  author: string; // demo pupil code
  title: string;
  description: string;
  area: AreaSlug;
  sector: Sector;
  concernsSchool: boolean;
  costEstimate: number | null;
  status: ProposalStatus;
  /** Staff steps after sending, with reasons. */
  steps: Array<{ type: EventType; reason?: string }>;
  project?: string; // project code
  mergeInto?: string; // title of an earlier demo proposal
}

export interface DemoProject {
  code: string;
  fi: string;
  sv: string;
  en: string;
  area: AreaSlug;
  sector: Sector;
  cost: number;
}

/** Projects on the ballot of the city round (voting now). */
export const DEMO_PROJECTS: DemoProject[] = [
  { code: "KOI-01", fi: "Malmin koulujen pihoille liikuntavälineitä", sv: "Idrottsredskap för skolgårdarna i Malm", en: "Sports equipment for Malmi school yards", area: "koillinen", sector: "basic", cost: 45_000 },
  { code: "KOI-02", fi: "Hiljainen lukunurkkaus Malmin lukioon", sv: "Ett tyst läshörn i Malms gymnasium", en: "A quiet reading corner for Malmi upper secondary", area: "koillinen", sector: "upper-secondary", cost: 18_000 },
  { code: "KOI-03", fi: "Pyöräkatokset Latokartanon kouluun", sv: "Cykeltak vid Ladugårdens skola", en: "Bicycle shelters at Latokartano school", area: "koillinen", sector: "basic", cost: 60_000 },
  { code: "KOI-04", fi: "Koulun kasvimaa ja kasvihuone", sv: "Skolträdgård och växthus", en: "School vegetable garden and greenhouse", area: "koillinen", sector: "basic", cost: 35_000 },
  { code: "KOI-05", fi: "Bändikamari Pukinmäkeen", sv: "Bandrum i Bocksbacka", en: "A band room in Pukinmäki", area: "koillinen", sector: "basic", cost: 52_000 },
  { code: "KOI-06", fi: "Välituntien lainattavat pelit", sv: "Spel att låna på rasterna", en: "Games to borrow at break time", area: "koillinen", sector: "basic", cost: 8_000 },
  { code: "ETE-01", fi: "Kuntosalilaitteet Ressun kouluihin", sv: "Gymutrustning till Ressu skolor", en: "Gym equipment for the Ressu schools", area: "etelainen", sector: "basic", cost: 40_000 },
  { code: "ETE-02", fi: "Ruotsinkielinen lukudiplomikirjasto", sv: "Läsdiplombibliotek på svenska", en: "A Swedish-language reading diploma library", area: "etelainen", sector: "basic", cost: 15_000 },
  { code: "ETE-03", fi: "Ulkoilmaluokka Tehtaanpuistoon", sv: "Ett utomhusklassrum i Fabriksparken", en: "An outdoor classroom in Tehtaanpuisto", area: "etelainen", sector: "basic", cost: 70_000 },
  { code: "HKI-01", fi: "Maksuttomat kesäkurssit yläkoululaisille", sv: "Avgiftsfria sommarkurser för högstadieelever", en: "Free summer courses for lower secondary pupils", area: "koko-kaupunki", sector: "liberal-adult", cost: 120_000 },
  { code: "HKI-02", fi: "Mielenterveysviikko kaikkiin kouluihin", sv: "En vecka för psykisk hälsa i alla skolor", en: "A mental health week in every school", area: "koko-kaupunki", sector: "basic", cost: 90_000 },
  { code: "HKI-03", fi: "Ammattikoululaisten työpajat yläkouluihin", sv: "Verkstäder av yrkesstuderande i högstadierna", en: "Vocational students' workshops in lower secondary schools", area: "koko-kaupunki", sector: "vocational", cost: 75_000 },
];

const approvedSteps = [{ type: "approved" as const }, { type: "project-linked" as const }];

export const DEMO_PROPOSALS: DemoProposal[] = [
  { author: "DEM0-0000-0001", title: "Lisää palloja ja koreja välitunneille", description: "Välitunnilla ei ole tarpeeksi palloja eikä koripallotelineitä. Pihalle voisi hankkia uusia telineitä ja välinevaraston.", area: "koillinen", sector: "basic", concernsSchool: true, costEstimate: 30000, status: "approved", steps: approvedSteps, project: "KOI-01" },
  { author: "DEM0-0000-0003", title: "Hiljainen tila lukemiseen", description: "Lukiossa ei ole paikkaa, jossa voi lukea rauhassa välitunneilla. Kirjaston nurkkaan sohvia ja kuulosuojaimia.", area: "koillinen", sector: "upper-secondary", concernsSchool: true, costEstimate: 10000, status: "approved", steps: approvedSteps, project: "KOI-02" },
  { author: "DEM0-0000-0001", title: "Katetut pyöräparkit", description: "Pyörät kastuvat ja ruostuvat, kun katosta ei ole. Kouluille katettuja pyörätelineitä, joihin pyörän voi lukita.", area: "koillinen", sector: "basic", concernsSchool: false, costEstimate: null, status: "approved", steps: approvedSteps, project: "KOI-03" },
  { author: "DEM0-0000-0003", title: "Koulun oma kasvimaa", description: "Oma kasvimaa ja pieni kasvihuone, jossa biologian tunneilla voi kasvattaa vihanneksia kouluruokaan.", area: "koillinen", sector: "basic", concernsSchool: false, costEstimate: 20000, status: "approved", steps: approvedSteps, project: "KOI-04" },
  { author: "DEM0-0000-0002", title: "Gym för eleverna i Ressu", description: "Vi vill ha ett litet gym med vikter och en löpband som eleverna kan använda efter skoldagen.", area: "etelainen", sector: "basic", concernsSchool: false, costEstimate: 40000, status: "approved", steps: approvedSteps, project: "ETE-01" },
  { author: "DEM0-0000-0002", title: "Fler böcker på svenska", description: "Skolbiblioteket har för få nya böcker på svenska för läsdiplomet. Köp in fler ungdomsböcker och serier.", area: "etelainen", sector: "basic", concernsSchool: true, costEstimate: 5000, status: "approved", steps: approvedSteps, project: "ETE-02" },
  { author: "DEM0-0000-0003", title: "Mielenterveysviikko", description: "Joka kouluun viikko, jolloin puhutaan jaksamisesta ja mielenterveydestä, ja vieraina nuorten kanssa työskenteleviä ammattilaisia.", area: "koko-kaupunki", sector: "basic", concernsSchool: false, costEstimate: 100000, status: "approved", steps: approvedSteps, project: "HKI-02" },
  { author: "DEM0-0000-0001", title: "Ilmaisia kesäkursseja", description: "Kesäksi ilmaisia kursseja kansalaisopistoon yläkoululaisille: koodausta, valokuvausta ja kokkausta.", area: "koko-kaupunki", sector: "liberal-adult", concernsSchool: false, costEstimate: null, status: "approved", steps: approvedSteps, project: "HKI-01" },
  { author: "DEM0-0000-0001", title: "Uima-allas koulun katolle", description: "Koulun katolle lämmitetty uima-allas, jossa voisi uida välitunneilla ympäri vuoden.", area: "koillinen", sector: "basic", concernsSchool: true, costEstimate: 2000000, status: "rejected", steps: [{ type: "rejected", reason: "Allas katolla ei ole turvallinen eikä sitä voi rakentaa vanhan koulun katolle, joten se ei mene äänestykseen. Kiitos rohkeasta ideasta!" }] },
  { author: "DEM0-0000-0003", title: "Lukunurkka kirjastoon", description: "Sama idea kuin hiljainen tila: kirjastoon nurkka, jossa on mukavia tuoleja lukemista varten.", area: "koillinen", sector: "upper-secondary", concernsSchool: true, costEstimate: null, status: "merged", mergeInto: "Hiljainen tila lukemiseen", steps: [{ type: "merged", reason: "Samanlainen idea lähetettiin myös, joten yhdistimme ne. Ideasi jatkaa osana sitä." }] },
];

/** Ideas in the school round that is collecting ideas now: one waiting for review, one sent back. */
export const DEMO_SCHOOL_ROUND_PROPOSALS: DemoProposal[] = [
  { author: "DEM0-0000-0005", title: "Penkkejä koulun pihalle", description: "Pihalla ei ole tarpeeksi penkkejä, joten välitunnilla istutaan maassa. Lisää penkkejä ja pöytiä pihalle.", area: "koillinen", sector: "basic", concernsSchool: true, costEstimate: 3000, status: "submitted", steps: [] },
  { author: "DEM0-0000-0006", title: "Parempaa musiikkia", description: "Musiikkiluokkaan uusia soittimia, koska vanhat ovat rikki ja niitä on liian vähän.", area: "koillinen", sector: "basic", concernsSchool: true, costEstimate: null, status: "needs-changes", steps: [{ type: "changes-requested", reason: "Kerro lisää: mitä soittimia tarvitaan ja kuinka monta?" }] },
];
