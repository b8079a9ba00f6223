/** Events of the background pipeline (./definitions, the leaf) and the port services publish them through. */
export { labAnalysisRequested, webhookDeliveryCreated, type Event, type EventDefinition } from "./definitions";
export { publish, setPublisher, type Publisher } from "./publish";
