// Any other /v1 path — a JSON 404 rather than the HTML page, in the API's error shape
function notFound(): Response {
  return Response.json({ detail: "Not Found" }, { status: 404 });
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
