// Strings for results, in the three languages side by side.
import { feature } from "../shape";

export default feature({
  en: { results: { title: "Results" } },
  fi: { results: { title: "Tulokset" } },
  sv: { results: { title: "Resultat" } },
});
