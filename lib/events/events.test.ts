/**
 * Services publish through one port: an event is validated when it is made, and whatever publisher the
 * process has — Inngest's `send` by default, a recorder here — receives it as made.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { type Event, labAnalysisRequested, publish, setPublisher, webhookDeliveryCreated } from ".";

afterEach(() => setPublisher(undefined));

describe("events", () => {
  it("are made with their name, validated data and id", () => {
    const data = { labResultId: randomUUID(), organizationId: randomUUID() };
    expect(labAnalysisRequested.create(data, { id: `lab-${data.labResultId}` })).toEqual({ name: "lab/analysis.requested", data, id: `lab-${data.labResultId}` });
  });

  it("refuse data that does not fit their schema", () => {
    expect(() => webhookDeliveryCreated.create({ deliveryId: "not-a-uuid", organizationId: randomUUID() })).toThrow(/deliveryId/);
  });

  it("reach the process's publisher as made, and its ids come back", async () => {
    const sent: Event[][] = [];
    setPublisher(async (events) => {
      sent.push(events);
      return { ids: events.map((_, i) => `id-${i}`) };
    });
    const events = [randomUUID(), randomUUID()].map((deliveryId) => webhookDeliveryCreated.create({ deliveryId, organizationId: randomUUID() }));
    expect(await publish(events)).toEqual({ ids: ["id-0", "id-1"] });
    expect(await publish([])).toEqual({ ids: [] });
    expect(sent).toEqual([events]);
  });
});
