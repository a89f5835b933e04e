// GET /login/school/PROVIDER/callback: the same as /login/school/callback, for one of several providers.
export { loader, meta, default } from "./login_.school_.callback";
