// Strings for creating and editing rounds (coordinators), in the three languages.
import { feature } from "../shape";

export default feature({
  en: { roundAdmin: { placeholder: "Rounds" } },
  fi: { roundAdmin: { placeholder: "Kierrokset" } },
  sv: { roundAdmin: { placeholder: "Omgångar" } },
});
