import { analyzeLab } from "./labs/analyze-lab";

/** Every Inngest function of the app, as served at /api/inngest. */
export const functions = [analyzeLab];
