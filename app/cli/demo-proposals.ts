// Demo ideas and ballot projects, so that the browse page, moderation and (later) the ballot have
// something real to show. Authors are the demo pupils; reasons are written in the proposer's language.
import type { AreaSlug, Sector } from "~/shared/catalog";
import type { EventType, ProposalStatus } from "~/features/proposals/proposals";

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
  { code: "LAN-01", fi: "Kiipeilyseinä Munkkiniemen yhteiskouluun", sv: "Klättervägg i Munksnäs samskola", en: "A climbing wall for Munkkiniemi co-educational school", area: "lantinen", sector: "basic", cost: 55_000 },
  { code: "LAN-02", fi: "Kannelmäen koulun mediapaja", sv: "Mediaverkstad i Gamlas skola", en: "A media workshop for Kannelmäki school", area: "lantinen", sector: "basic", cost: 30_000 },
  { code: "LAN-03", fi: "Välituntipiha Pitäjänmäkeen", sv: "Rastgård i Sockenbacka", en: "A new break-time yard in Pitäjänmäki", area: "lantinen", sector: "basic", cost: 90_000 },
  { code: "KES-01", fi: "Kallion lukion taidegalleria", sv: "Konstgalleri i Berghälls gymnasium", en: "An art gallery for Kallio upper secondary", area: "keskinen", sector: "upper-secondary", cost: 25_000 },
  { code: "KES-02", fi: "Ammattiopiston kahvila-oppimisympäristö", sv: "Kafé som lärmiljö i yrkesinstitutet", en: "A café learning space at the vocational college", area: "keskinen", sector: "vocational", cost: 60_000 },
  { code: "KES-03", fi: "Kalasataman koulun kirjastosohvat", sv: "Soffor i Fiskehamnens skolbibliotek", en: "Library sofas for Kalasatama school", area: "keskinen", sector: "basic", cost: 12_000 },
  { code: "POH-01", fi: "Pakilan yläasteen e-urheiluhuone", sv: "E-sportrum i Baggböle högstadium", en: "An e-sports room for Pakila lower secondary", area: "pohjoinen", sector: "basic", cost: 35_000 },
  { code: "POH-02", fi: "Oulunkylän koulun ulkokuntosali", sv: "Utegym vid Åggelby samskola", en: "An outdoor gym at Oulunkylä school", area: "pohjoinen", sector: "basic", cost: 48_000 },
  { code: "KAA-01", fi: "Herttoniemen koulun soittimet", sv: "Musikinstrument för Hertonäs samskola", en: "Musical instruments for Herttoniemi school", area: "kaakkoinen", sector: "basic", cost: 22_000 },
  { code: "KAA-02", fi: "Laajasalon koulun melontavälineet", sv: "Paddlingsutrustning för Degerö skola", en: "Canoeing equipment for Laajasalo school", area: "kaakkoinen", sector: "basic", cost: 40_000 },
  { code: "KAA-03", fi: "Brändö gymnasiums studierum", sv: "Studierum i Brändö gymnasium", en: "A study room in Brändö upper secondary", area: "kaakkoinen", sector: "upper-secondary", cost: 30_000 },
  { code: "ITA-01", fi: "Vuosaaren lukion oleskelutila", sv: "Uppehållsrum i Nordsjö gymnasium", en: "A common room for Vuosaari upper secondary", area: "itainen", sector: "upper-secondary", cost: 45_000 },
  { code: "ITA-02", fi: "Meri-Rastilan koulun skeittiramppi", sv: "Skateramp vid Havsrastböle skola", en: "A skate ramp at Meri-Rastila school", area: "itainen", sector: "basic", cost: 65_000 },
  { code: "ITA-03", fi: "Botby grundskolas läsrum", sv: "Läsrum i Botby grundskola", en: "A reading room for Botby school", area: "itainen", sector: "basic", cost: 20_000 },
  { code: "ITA-04", fi: "Myllypuron ammattiopiston pyöräkorjaamo", sv: "Cykelverkstad i Kvarnbäckens yrkesinstitut", en: "A bicycle repair shop at Myllypuro vocational college", area: "itainen", sector: "vocational", cost: 38_000 },
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
