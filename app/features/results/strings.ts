// Strings for results, in the three languages side by side.
import { feature } from "~/shared/i18n/shape";

export default feature({
  en: {
    results: {
      title: "Results",
      pageTitle: "Results: {{round}}",
      link: "Results",
      intro: "The votes have been counted. For each area you can see how many votes each project got, what it costs, and whether it was chosen.",
      publishedOn: "The results were published on {{date}}.",
      notPublished: "These results are not public yet. Only coordinators can see them until they are published.",
      votingOpen: "Voting is still open until {{date}}, so these numbers can still change. The results can be published after voting has closed.",
      publishTitle: "Publish the results",
      publishHelp: "When you publish, everyone can see this page, each project is marked chosen or not chosen, and pupils see in their ideas' timelines what happened to the projects their ideas became part of. Publishing cannot be undone.",
      publish: "Publish the results",
      publishedNow: "The results are published. Everyone can now see them.",
      errors: {
        votingNotEnded: "The results cannot be published yet: voting is open until {{date}}.",
        alreadyPublished: "These results have already been published.",
      },
      howTitle: "How the projects were chosen",
      explanation: {
        greedy:
          "The project with the most votes was chosen first. Then came the project with the next most votes, and so on, as long as there was enough money left in the area's budget. If a project cost more than the money that was left, it was skipped, and the next project on the list was checked. A project that got no votes is never chosen. If two projects got the same number of votes, the cheaper one came first.",
        "greedy-no-skip":
          "The project with the most votes was chosen first. Then came the project with the next most votes, and so on, as long as there was enough money left in the area's budget. When the next project cost more than the money that was left, choosing stopped, even if a cheaper project further down the list would still have fit. If two projects got the same number of votes, the cheaper one came first.",
        "greedy-threshold":
          "Only projects with at least {{min}} votes could be chosen. Of those, the project with the most votes was chosen first, then the one with the next most votes, and so on, as long as there was enough money left in the area's budget. A project that cost more than the money left was skipped. If two projects got the same number of votes, the cheaper one came first.",
        "equal-shares":
          "Every voter got an equal share of the area's budget to spend. A project was chosen when the pupils who voted for it could pay for it together with their shares. Each time, the project that cost its supporters the least per euro was chosen first. This way a smaller group, for example the pupils of a few schools, also gets projects it wants, not only the biggest group.",
      },
      area: "Area",
      budget: "Budget",
      spent: "Used",
      left: "Money left",
      voters: "Votes cast",
      project: "Project",
      votes: "Votes",
      cost: "Cost",
      outcome: "Result",
      selected: "Chosen",
      notSelected: "Not chosen",
      noProjects: "There were no projects on this area's ballot.",
      noVotes: "Nobody voted in this area.",
      tableCaption: "Projects of the area {{area}}, most votes first",
      compareLink: "Compare with the method of equal shares",
      compareLinkGreedy: "Compare with the most-votes rule",
      compareHide: "Hide the comparison",
      compareIntro: "The last column shows what another rule would have chosen with the same votes. Compare them to see whether smaller groups, such as the Swedish-language schools, would have got more of the projects they wanted. Only the official result counts.",
      comparisonColumn: {
        "equal-shares": "With equal shares",
        greedy: "With most votes first",
      },
      comparisonLeft: "Money left with the other rule: {{left}}",
    },
  },
  fi: {
    results: {
      title: "Tulokset",
      pageTitle: "Tulokset: {{round}}",
      link: "Tulokset",
      intro: "Äänet on laskettu. Näet jokaiselta alueelta, montako ääntä kukin hanke sai, paljonko se maksaa ja valittiinko se.",
      publishedOn: "Tulokset julkaistiin {{date}}.",
      notPublished: "Tulokset eivät ole vielä julkisia. Vain koordinaattorit näkevät ne, kunnes ne julkaistaan.",
      votingOpen: "Äänestys on auki {{date}} asti, joten luvut voivat vielä muuttua. Tulokset voi julkaista, kun äänestys on päättynyt.",
      publishTitle: "Julkaise tulokset",
      publishHelp: "Kun julkaiset tulokset, kaikki näkevät tämän sivun, jokainen hanke merkitään valituksi tai ei valituksi, ja oppilaat näkevät ideoidensa aikajanalla, miten heidän ideoistaan tehdyille hankkeille kävi. Julkaisua ei voi perua.",
      publish: "Julkaise tulokset",
      publishedNow: "Tulokset on julkaistu. Nyt kaikki näkevät ne.",
      errors: {
        votingNotEnded: "Tuloksia ei voi vielä julkaista: äänestys on auki {{date}} asti.",
        alreadyPublished: "Nämä tulokset on jo julkaistu.",
      },
      howTitle: "Miten hankkeet valittiin",
      explanation: {
        greedy:
          "Ensin valittiin hanke, joka sai eniten ääniä. Sitten valittiin seuraavaksi eniten ääniä saanut hanke ja niin edelleen, niin kauan kuin alueen budjetissa oli rahaa jäljellä. Jos hanke maksoi enemmän kuin rahaa oli jäljellä, se ohitettiin ja katsottiin listan seuraavaa hanketta. Hanketta, joka ei saanut yhtään ääntä, ei valita koskaan. Jos kaksi hanketta sai yhtä monta ääntä, halvempi oli ensin.",
        "greedy-no-skip":
          "Ensin valittiin hanke, joka sai eniten ääniä. Sitten valittiin seuraavaksi eniten ääniä saanut hanke ja niin edelleen, niin kauan kuin alueen budjetissa oli rahaa jäljellä. Kun seuraava hanke maksoi enemmän kuin rahaa oli jäljellä, valitseminen loppui, vaikka joku halvempi hanke listan alempana olisi vielä mahtunut budjettiin. Jos kaksi hanketta sai yhtä monta ääntä, halvempi oli ensin.",
        "greedy-threshold":
          "Vain hankkeet, jotka saivat vähintään {{min}} ääntä, voitiin valita. Niistä valittiin ensin eniten ääniä saanut hanke, sitten seuraavaksi eniten ääniä saanut ja niin edelleen, niin kauan kuin alueen budjetissa oli rahaa jäljellä. Jos hanke maksoi enemmän kuin rahaa oli jäljellä, se ohitettiin. Jos kaksi hanketta sai yhtä monta ääntä, halvempi oli ensin.",
        "equal-shares":
          "Jokainen äänestäjä sai yhtä suuren osuuden alueen budjetista käytettäväksi. Hanke valittiin, kun sitä äänestäneet oppilaat pystyivät maksamaan sen yhdessä osuuksillaan. Joka kerta valittiin ensin hanke, joka tuli kannattajilleen halvimmaksi jokaista euroa kohden. Näin myös pienempi joukko, esimerkiksi muutaman koulun oppilaat, saa haluamiaan hankkeita, eikä vain suurin joukko.",
      },
      area: "Alue",
      budget: "Budjetti",
      spent: "Käytetty",
      left: "Rahaa jäljellä",
      voters: "Annetut äänet",
      project: "Hanke",
      votes: "Ääniä",
      cost: "Hinta",
      outcome: "Tulos",
      selected: "Valittu",
      notSelected: "Ei valittu",
      noProjects: "Tämän alueen äänestyksessä ei ollut hankkeita.",
      noVotes: "Tällä alueella kukaan ei äänestänyt.",
      tableCaption: "Alueen {{area}} hankkeet, eniten ääniä saaneet ensin",
      compareLink: "Vertaa tasaosuusmenetelmään",
      compareLinkGreedy: "Vertaa eniten ääniä -sääntöön",
      compareHide: "Piilota vertailu",
      compareIntro: "Viimeinen sarake näyttää, mitkä hankkeet toinen sääntö olisi valinnut samoilla äänillä. Vertaamalla näet, olisivatko pienemmät ryhmät, kuten ruotsinkieliset koulut, saaneet enemmän haluamiaan hankkeita. Vain virallinen tulos on voimassa.",
      comparisonColumn: {
        "equal-shares": "Tasaosuusmenetelmällä",
        greedy: "Eniten ääniä ensin",
      },
      comparisonLeft: "Rahaa jäljellä toisella säännöllä: {{left}}",
    },
  },
  sv: {
    results: {
      title: "Resultat",
      pageTitle: "Resultat: {{round}}",
      link: "Resultat",
      intro: "Rösterna har räknats. För varje område ser du hur många röster varje projekt fick, vad det kostar och om det valdes.",
      publishedOn: "Resultaten publicerades {{date}}.",
      notPublished: "Resultaten är inte offentliga ännu. Bara koordinatorer ser dem tills de publiceras.",
      votingOpen: "Omröstningen pågår till {{date}}, så siffrorna kan ännu ändras. Resultaten kan publiceras när omröstningen har avslutats.",
      publishTitle: "Publicera resultaten",
      publishHelp: "När du publicerar kan alla se den här sidan, varje projekt märks som valt eller inte valt, och eleverna ser i sina idéers tidslinje hur det gick för projekten som deras idéer blev en del av. Publiceringen kan inte ångras.",
      publish: "Publicera resultaten",
      publishedNow: "Resultaten är publicerade. Nu kan alla se dem.",
      errors: {
        votingNotEnded: "Resultaten kan inte publiceras ännu: omröstningen pågår till {{date}}.",
        alreadyPublished: "De här resultaten har redan publicerats.",
      },
      howTitle: "Så valdes projekten",
      explanation: {
        greedy:
          "Först valdes det projekt som fick flest röster. Sedan valdes projektet med näst flest röster och så vidare, så länge det fanns pengar kvar i områdets budget. Om ett projekt kostade mer än de pengar som fanns kvar hoppades det över, och nästa projekt på listan prövades. Ett projekt som inte fick en enda röst väljs aldrig. Om två projekt fick lika många röster kom det billigare först.",
        "greedy-no-skip":
          "Först valdes det projekt som fick flest röster. Sedan valdes projektet med näst flest röster och så vidare, så länge det fanns pengar kvar i områdets budget. När nästa projekt kostade mer än de pengar som fanns kvar slutade valet, även om ett billigare projekt längre ner på listan ännu hade rymts i budgeten. Om två projekt fick lika många röster kom det billigare först.",
        "greedy-threshold":
          "Bara projekt som fick minst {{min}} röster kunde väljas. Av dem valdes först projektet med flest röster, sedan projektet med näst flest röster och så vidare, så länge det fanns pengar kvar i områdets budget. Ett projekt som kostade mer än de pengar som fanns kvar hoppades över. Om två projekt fick lika många röster kom det billigare först.",
        "equal-shares":
          "Varje väljare fick en lika stor del av områdets budget att använda. Ett projekt valdes när eleverna som röstade på det kunde betala det tillsammans med sina delar. Varje gång valdes först det projekt som blev billigast för sina anhängare per euro. På så sätt får också en mindre grupp, till exempel eleverna i några skolor, projekt som de vill ha, och inte bara den största gruppen.",
      },
      area: "Område",
      budget: "Budget",
      spent: "Använt",
      left: "Pengar kvar",
      voters: "Avgivna röster",
      project: "Projekt",
      votes: "Röster",
      cost: "Kostnad",
      outcome: "Resultat",
      selected: "Valt",
      notSelected: "Inte valt",
      noProjects: "Det fanns inga projekt i det här områdets omröstning.",
      noVotes: "Ingen röstade i det här området.",
      tableCaption: "Projekten i området {{area}}, flest röster först",
      compareLink: "Jämför med metoden med lika andelar",
      compareLinkGreedy: "Jämför med regeln flest röster först",
      compareHide: "Dölj jämförelsen",
      compareIntro: "Den sista kolumnen visar vilka projekt en annan regel skulle ha valt med samma röster. Genom att jämföra ser du om mindre grupper, till exempel de svenskspråkiga skolorna, skulle ha fått fler av de projekt de ville ha. Bara det officiella resultatet gäller.",
      comparisonColumn: {
        "equal-shares": "Med lika andelar",
        greedy: "Flest röster först",
      },
      comparisonLeft: "Pengar kvar med den andra regeln: {{left}}",
    },
  },
});
