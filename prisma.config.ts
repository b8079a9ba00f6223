// Prisma CLI configuration. A config file turns off the CLI's automatic .env loading, hence dotenv.
// `prisma generate` needs no database; migrations run offline through `npm run db:*` (lib/db/migrate.ts),
// and `prisma migrate deploy` reads DATABASE_URL from here wherever the native engine is available.
import "dotenv/config";
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/labwise" },
});
