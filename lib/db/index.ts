/**
 * The Prisma client, over node-postgres through `@prisma/adapter-pg` (Prisma 7 has no built-in driver).
 * One client per process; in development Next re-evaluates modules on change, so it is kept on globalThis.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { config } from "../config";
import { Prisma, PrismaClient } from "./generated/client";

export { Prisma };
export type * from "./generated/client";
export * from "./generated/enums";

const globalForPrisma = globalThis as unknown as { labwisePrisma?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: config().DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  });
  return new PrismaClient({ adapter });
}

function client(): PrismaClient {
  return (globalForPrisma.labwisePrisma ??= createClient());
}

/**
 * The client, created on first use rather than at import, so that importing a module that uses the database
 * (as `next build` does when it collects routes) needs no DATABASE_URL.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_, property) {
    const target = client();
    const value = Reflect.get(target, property);
    return typeof value === "function" ? value.bind(target) : value;
  },
});

export type Tx = Prisma.TransactionClient;
