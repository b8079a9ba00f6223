/** The coach: profile store and deploys, chat, and the API's schemas and serializers. */
export * from "./schemas";
export * from "./serializers";
export { createProfile, deleteProfile, getActiveProfile, getProfile, listProfiles, personaOf, updateProfile, type Actor } from "./profiles";
export { deployProfile, listDeploys, type DeployOutcome } from "./deploy";
export { getSession, NO_ACTIVE_PROFILE, openSession, postMessage } from "./chat";
export { replyEventStream, wantsEventStream } from "./sse";
