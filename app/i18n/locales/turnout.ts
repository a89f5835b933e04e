// Strings for turnout, in the three languages side by side.
import { feature } from "../shape";

export default feature({
  en: { turnout: { title: "Turnout" } },
  fi: { turnout: { title: "Äänestysaktiivisuus" } },
  sv: { turnout: { title: "Valdeltagande" } },
});
