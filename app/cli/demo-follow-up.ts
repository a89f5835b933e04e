// Demo data for the ended round "OmaKoulu 2025": projects with descriptions made of pupils' ideas,
// votes, published results, and what happened afterwards (progress updates up to an implemented
// project with a photo), so that a newcomer sees the whole story from idea to "implemented".
import { PNG } from "pngjs";
import type { DemoProject, DemoProposal } from "./demo-proposals";

/** The past round's ballot: a few projects in the pupil's area and city-wide, some too dear to all fit. */
export const DEMO_PAST_PROJECTS: Array<DemoProject & { description: { fi: string; sv: string; en: string } }> = [
  {
    code: "K25-01", fi: "Pingispöydät Malmin peruskoulun pihalle", sv: "Pingisbord på Malms grundskolas gård", en: "Table tennis tables for the Malmi school yard", area: "koillinen", sector: "basic", cost: 12_000,
    description: {
      fi: "Kaksi säänkestävää pingispöytää mailoineen koulun pihalle. Pöydät ovat kaikkien käytössä välitunneilla ja iltaisin.",
      sv: "Två väderbeständiga pingisbord med racketar på skolgården. Borden kan användas av alla på rasterna och på kvällarna.",
      en: "Two weatherproof table tennis tables with bats in the school yard, for everyone at break time and in the evenings.",
    },
  },
  {
    code: "K25-02", fi: "Sarjakuvia ja lautapelejä koulun kirjastoon", sv: "Serier och sällskapsspel till skolbiblioteket", en: "Comics and board games for the school library", area: "koillinen", sector: "basic", cost: 6_000,
    description: {
      fi: "Uusia sarjakuvia suomeksi ja ruotsiksi sekä lautapelejä, joita voi lainata välitunnille.",
      sv: "Nya serier på finska och svenska och sällskapsspel som man kan låna till rasten.",
      en: "New comics in Finnish and Swedish, and board games to borrow at break time.",
    },
  },
  {
    code: "K25-03", fi: "Valot Malmin kentälle", sv: "Belysning på Malms idrottsplan", en: "Lights for the Malmi sports field", area: "koillinen", sector: "basic", cost: 90_000,
    description: {
      fi: "Kentälle valaistus, jotta siellä voi pelata myös pimeinä syysiltoina.",
      sv: "Belysning på planen så att man kan spela också under mörka höstkvällar.",
      en: "Floodlights on the field, so that it can be used on dark autumn evenings too.",
    },
  },
  {
    code: "K25-04", fi: "Uusi tekonurmi", sv: "Ny konstgräsplan", en: "A new artificial turf pitch", area: "koillinen", sector: "basic", cost: 150_000,
    description: {
      fi: "Vanhan hiekkakentän tilalle tekonurmi jalkapalloon ja muihin pallopeleihin.",
      sv: "Konstgräs i stället för den gamla grusplanen, för fotboll och andra bollspel.",
      en: "Artificial turf instead of the old gravel pitch, for football and other ball games.",
    },
  },
  {
    code: "H25-01", fi: "Juomapisteet kaikkiin kouluihin", sv: "Vattenposter i alla skolor", en: "Drinking fountains in every school", area: "koko-kaupunki", sector: "basic", cost: 80_000,
    description: {
      fi: "Raikasta vettä pulloon täytettäväksi jokaisen koulun käytäville.",
      sv: "Friskt vatten att fylla flaskan med i korridorerna i varje skola.",
      en: "Fresh water to fill your bottle in the corridors of every school.",
    },
  },
  {
    code: "H25-02", fi: "Nuorten kesätyöpajat", sv: "Sommarverkstäder för unga", en: "Summer workshops for young people", area: "koko-kaupunki", sector: "liberal-adult", cost: 200_000,
    description: {
      fi: "Maksuttomia kesätyöpajoja: pyöräkorjaamo, ruoanlaitto ja videon teko.",
      sv: "Avgiftsfria sommarverkstäder: cykelverkstad, matlagning och videoproduktion.",
      en: "Free summer workshops: bicycle repair, cooking and making videos.",
    },
  },
  {
    code: "H25-03", fi: "Koulujen e-urheiluliiga", sv: "E-sportliga för skolorna", en: "An e-sports league for schools", area: "koko-kaupunki", sector: "basic", cost: 120_000,
    description: {
      fi: "Koulujen välinen e-urheiluliiga ja pelikoneet kuuteen kouluun.",
      sv: "En e-sportliga mellan skolorna och speldatorer till sex skolor.",
      en: "An e-sports league between schools, and gaming computers for six schools.",
    },
  },
];

const approvedSteps = [{ type: "approved" as const }, { type: "project-linked" as const }];

/** The ideas of the past round; the pupil DEM0-0000-0009 (README) follows them after the round. */
export const DEMO_PAST_PROPOSALS: DemoProposal[] = [
  { author: "DEM0-0000-0009", title: "Pingispöytä pihalle", description: "Välitunnilla ei ole tekemistä. Pihalle pingispöytä, jossa voi pelata porukalla.", area: "koillinen", sector: "basic", concernsSchool: true, costEstimate: 5_000, status: "approved", steps: approvedSteps, project: "K25-01" },
  { author: "DEM0-0000-0009", title: "Lisää sarjakuvia kirjastoon", description: "Koulun kirjastossa on vähän sarjakuvia. Lisää mangaa ja sarjakuvia, myös ruotsiksi.", area: "koillinen", sector: "basic", concernsSchool: true, costEstimate: 2_000, status: "approved", steps: approvedSteps, project: "K25-02" },
  { author: "DEM0-0000-0009", title: "Pingis ja biljardi", description: "Pingispöytä ja biljardipöytä oppilaiden käyttöön.", area: "koillinen", sector: "basic", concernsSchool: true, costEstimate: null, status: "merged", steps: [{ type: "merged", reason: "Yhdistimme tämän samanlaiseen pingispöytäideaan. Biljardipöytä ei mahdu kouluun." }], mergeInto: "Pingispöytä pihalle" },
  { author: "DEM0-0000-0009", title: "Valaistus kentälle", description: "Kentällä on syksyllä pimeää jo neljältä. Valot kentälle.", area: "koillinen", sector: "basic", concernsSchool: false, costEstimate: 50_000, status: "approved", steps: approvedSteps, project: "K25-03" },
  { author: "DEM0-0000-0009", title: "Juomapisteitä käytäville", description: "Vesipisteitä, joista voi täyttää juomapullon.", area: "koko-kaupunki", sector: "basic", concernsSchool: false, costEstimate: null, status: "approved", steps: approvedSteps, project: "H25-01" },
  { author: "DEM0-0000-0009", title: "Koulupäivä klo 10 alkaen", description: "Koulu alkaisi aina vasta kymmeneltä.", area: "koko-kaupunki", sector: "basic", concernsSchool: false, costEstimate: null, status: "rejected", steps: [{ type: "rejected", reason: "Koulupäivän alkamisesta päätetään opetussuunnitelmassa, ei osallistuvalla budjetoinnilla. Voit viedä idean oppilaskunnan hallitukselle." }] },
];

export interface DemoProgress {
  status: "planned" | "in-progress" | "implemented";
  /** Days after the results were published. */
  after: number;
  text: { fi: string; sv: string; en: string };
  photo?: { fi: string; sv: string; en: string };
}

/** What happened to the winners since (by project code; a project the vote did not choose gets none). */
export const DEMO_PROGRESS: Record<string, DemoProgress[]> = {
  "K25-01": [
    { status: "planned", after: 14, text: { fi: "Pöydät on tilattu. Koulun oppilaskunta valitsi niille paikan pihan itälaidalta.", sv: "Borden är beställda. Elevkåren valde en plats för dem på gårdens östra sida.", en: "The tables have been ordered. The pupil council chose a place for them on the east side of the yard." } },
    { status: "in-progress", after: 60, text: { fi: "Pöytien alustat on valettu. Pöydät asennetaan, kun maa on kuivunut.", sv: "Underlagen för borden är gjutna. Borden monteras när marken har torkat.", en: "The bases for the tables have been cast. The tables will be installed once the ground has dried." } },
    {
      status: "implemented", after: 120,
      text: { fi: "Pöydät ovat valmiit ja käytössä! Mailoja ja palloja saa lainata koulun kansliasta.", sv: "Borden är klara och används! Racketar och bollar lånas från skolans kansli.", en: "The tables are ready and in use! Bats and balls can be borrowed from the school office." },
      photo: { fi: "Piirroskuva: sininen pingispöytä verkkoineen koulun pihalla puiden edessä.", sv: "Teckning: ett blått pingisbord med nät på skolgården framför träden.", en: "Drawing: a blue table tennis table with its net in the school yard in front of trees." },
    },
  ],
  "K25-02": [
    { status: "planned", after: 20, text: { fi: "Kirjasto kokoaa oppilaiden toivelistaa. Kerro toiveesi kirjastonhoitajalle.", sv: "Biblioteket samlar elevernas önskelista. Berätta dina önskemål för bibliotekarien.", en: "The library is collecting the pupils' wish list. Tell the librarian what you would like." } },
    { status: "in-progress", after: 45, text: { fi: "Ensimmäiset 40 sarjakuvaa ja 10 peliä ovat tulleet. Loput tilataan syksyllä.", sv: "De första 40 serierna och 10 spelen har kommit. Resten beställs i höst.", en: "The first 40 comics and 10 games have arrived. The rest will be ordered in the autumn." } },
  ],
  "H25-01": [{ status: "planned", after: 30, text: { fi: "Hanke on mukana kaupungin ensi vuoden rakennussuunnitelmassa.", sv: "Projektet ingår i stadens byggplan för nästa år.", en: "The project is in the city's building plan for next year." } }],
};

/**
 * The demo photo: a drawing of a table tennis table in a school yard, made in code (no binary in the
 * repository), as a PNG that goes through the same upload pipeline as a staff member's photo.
 */
export function demoPhotoPng(width = 800, height = 500): Buffer {
  const png = new PNG({ width, height });
  const set = (x: number, y: number, [r, g, b]: [number, number, number]) => {
    const i = (y * width + x) * 4;
    png.data[i] = r;
    png.data[i + 1] = g;
    png.data[i + 2] = b;
    png.data[i + 3] = 255;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const horizon = height * 0.55;
      // Sky fading to pale near the horizon, asphalt below it.
      if (y < horizon) set(x, y, [120 + Math.round((y / horizon) * 80), 170 + Math.round((y / horizon) * 50), 235]);
      else set(x, y, [105, 105, 110]);
      // A row of trees along the horizon.
      const tree = Math.abs(((x % 90) - 45) / 45);
      if (y < horizon && y > horizon - 80 + tree * 50) set(x, y, [40, 110, 55]);
      // The table: a blue top with a white edge and centre line, a dark net, four legs.
      const top = { x0: width * 0.2, x1: width * 0.8, y0: height * 0.62, y1: height * 0.78 };
      if (x >= top.x0 && x <= top.x1 && y >= top.y0 && y <= top.y1) {
        const edge = x - top.x0 < 4 || top.x1 - x < 4 || y - top.y0 < 4 || top.y1 - y < 4;
        const centre = Math.abs(y - (top.y0 + top.y1) / 2) < 2;
        set(x, y, edge || centre ? [245, 245, 245] : [20, 70, 160]);
      }
      if (Math.abs(x - width / 2) < 3 && y >= top.y0 - 30 && y <= top.y1) set(x, y, [30, 30, 30]);
      const legs = [top.x0 + 20, top.x0 + 60, top.x1 - 60, top.x1 - 20];
      if (y > top.y1 && y < top.y1 + 60 && legs.some((l) => Math.abs(x - l) < 5)) set(x, y, [40, 40, 40]);
    }
  }
  return PNG.sync.write(png);
}
