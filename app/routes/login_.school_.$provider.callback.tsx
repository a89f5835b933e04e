// GET /login/school/PROVIDER/callback: the same as /login/school/callback, for one of several providers.
export { handle, loader, meta, default } from "./login_.school_.callback";
