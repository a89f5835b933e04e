// Reading a form post so that a malformed body is a 400 with the translated "form not sent
// correctly" page (root ErrorBoundary), never a 500.
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("Bad request: the form could not be read", { status: 400, statusText: "Bad Request" });
  }
}
