import { handlers } from "@/lib/auth/portal";

// GET|POST /api/auth/* — Auth.js (sign-in, sign-out, session, CSRF)
export const { GET, POST } = handlers;
