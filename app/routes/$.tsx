// Any URL no other route matches: a 404 through the root error boundary, so the page still has
// the visitor's language and navigation.
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
