/** The shape of a catalogue: same keys, every leaf a string. fi and sv must match en's shape. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** A feature's strings in the three languages, side by side; fi and sv are checked against en. */
export function feature<T>(texts: { en: T; fi: Shape<T>; sv: Shape<T> }) {
  return texts;
}
