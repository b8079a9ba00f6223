import { AppError, route } from "@/lib/http";

// Any other /v1 path — a JSON 404 in the member error shape (`{"detail": "Not Found"}`), not the HTML page
const notFound = route(
  {
    surface: "member",
    auth: "none",
    openapi: { undocumented: "The catch-all answering 404 for any /v1 path no route serves: not an operation." },
  },
  async () => {
    throw new AppError("NOT_FOUND", "Not Found");
  },
);

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
