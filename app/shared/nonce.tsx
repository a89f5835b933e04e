// The nonce of the page's inline scripts (Content-Security-Policy): the server renders Remix's
// scripts with it (app/entry.server.tsx, app/root.tsx). In the browser it is empty: browsers hide a
// nonce from the page once it has been checked, and scripts added later need none.
import { createContext, useContext } from "react";

const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
