// GET /images/ID.jpg: a stored picture (app/shared/images.server.ts, docs/uploads.md). Pictures are
// public (they are shown on the ballot and the results); the id is checked before the disk is read.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { imageResponse } from "~/shared/images.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  return imageResponse(params.file, request.method);
}
