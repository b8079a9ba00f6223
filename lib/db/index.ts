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

export const db: PrismaClient = (globalForPrisma.labwisePrisma ??= createClient());

export type Tx = Prisma.TransactionClient;
