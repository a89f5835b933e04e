// Strings of uploaded pictures (app/shared/images.server.ts), used by every form with a picture.
import { feature } from "~/shared/i18n/shape";

export default feature({
  en: {
    images: {
      picture: "Picture (optional)",
      pictureHelp: "A JPEG or PNG picture under 5 MB. It is made at most 1600 pixels wide and its hidden details (such as where a photo was taken) are removed. Do not show pupils' faces without permission.",
      current: "Current picture",
      keep: "Keep the current picture",
      replace: "Replace it with the picture chosen above",
      remove: "Remove the picture",
      altFi: "Description of the picture in Finnish",
      altSv: "Description of the picture in Swedish",
      altEn: "Description of the picture in English",
      altHelp: "What the picture shows, for people who cannot see it, e.g. “The school yard with a new climbing frame”. At most {{max}} characters.",
      errors: {
        tooLarge: "Picture: the file is over 5 MB. Choose a JPEG or PNG picture under 5 MB (a phone can send a smaller copy).",
        notImage: "Picture: this file is not a JPEG or PNG picture. Choose a JPEG or PNG picture under 5 MB.",
        tooManyPixels: "Picture: the picture has more than 40 megapixels. Choose a smaller JPEG or PNG picture under 5 MB.",
        unreadable: "Picture: the file could not be read; it may be damaged. Choose another JPEG or PNG picture under 5 MB.",
        altRequired: "Description of the picture: write what the picture shows in Finnish, Swedish and English.",
        altLong: "Description of the picture: at most 200 characters in each language.",
      },
    },
  },
  fi: {
    images: {
      picture: "Kuva (vapaaehtoinen)",
      pictureHelp: "JPEG- tai PNG-kuva, alle 5 Mt. Kuva pienennetään enintään 1600 pikselin levyiseksi ja sen piilotiedot (kuten kuvauspaikka) poistetaan. Älä näytä oppilaiden kasvoja ilman lupaa.",
      current: "Nykyinen kuva",
      keep: "Säilytä nykyinen kuva",
      replace: "Vaihda tilalle yllä valittu kuva",
      remove: "Poista kuva",
      altFi: "Kuvan kuvaus suomeksi",
      altSv: "Kuvan kuvaus ruotsiksi",
      altEn: "Kuvan kuvaus englanniksi",
      altHelp: "Mitä kuvassa näkyy, niille jotka eivät näe sitä, esim. ”Koulun piha ja uusi kiipeilyteline”. Enintään {{max}} merkkiä.",
      errors: {
        tooLarge: "Kuva: tiedosto on yli 5 Mt. Valitse JPEG- tai PNG-kuva, joka on alle 5 Mt (puhelimesta voi lähettää pienemmän kopion).",
        notImage: "Kuva: tiedosto ei ole JPEG- tai PNG-kuva. Valitse JPEG- tai PNG-kuva, joka on alle 5 Mt.",
        tooManyPixels: "Kuva: kuvassa on yli 40 megapikseliä. Valitse pienempi JPEG- tai PNG-kuva, joka on alle 5 Mt.",
        unreadable: "Kuva: tiedostoa ei voitu lukea; se voi olla vioittunut. Valitse toinen JPEG- tai PNG-kuva, joka on alle 5 Mt.",
        altRequired: "Kuvan kuvaus: kirjoita, mitä kuvassa näkyy, suomeksi, ruotsiksi ja englanniksi.",
        altLong: "Kuvan kuvaus: enintään 200 merkkiä kullakin kielellä.",
      },
    },
  },
  sv: {
    images: {
      picture: "Bild (frivillig)",
      pictureHelp: "En JPEG- eller PNG-bild under 5 MB. Den görs högst 1600 pixlar bred och dess dolda uppgifter (till exempel var ett foto togs) tas bort. Visa inte elevers ansikten utan lov.",
      current: "Nuvarande bild",
      keep: "Behåll den nuvarande bilden",
      replace: "Byt ut den mot bilden som valts ovan",
      remove: "Ta bort bilden",
      altFi: "Beskrivning av bilden på finska",
      altSv: "Beskrivning av bilden på svenska",
      altEn: "Beskrivning av bilden på engelska",
      altHelp: "Vad bilden visar, för dem som inte kan se den, t.ex. ”Skolgården med en ny klätterställning”. Högst {{max}} tecken.",
      errors: {
        tooLarge: "Bild: filen är över 5 MB. Välj en JPEG- eller PNG-bild under 5 MB (en telefon kan skicka en mindre kopia).",
        notImage: "Bild: filen är inte en JPEG- eller PNG-bild. Välj en JPEG- eller PNG-bild under 5 MB.",
        tooManyPixels: "Bild: bilden har över 40 megapixlar. Välj en mindre JPEG- eller PNG-bild under 5 MB.",
        unreadable: "Bild: filen kunde inte läsas; den kan vara skadad. Välj en annan JPEG- eller PNG-bild under 5 MB.",
        altRequired: "Beskrivning av bilden: skriv vad bilden visar på finska, svenska och engelska.",
        altLong: "Beskrivning av bilden: högst 200 tecken på varje språk.",
      },
    },
  },
});
