/**
 * A member's chat with the coach (DESIGN §5.2): a session opens against the organisation's active profile
 * and keeps it — a later deploy changes the voice of the next session, not of one under way. Each message
 * is answered by the reply engine (./engine) from the member's own lab facts (./member-facts) and stored
 * with the member's message. Sessions are the member's own: another member's is "not found".
 */
import { db, type ChatMessage, type CoachProfile } from "../db";
import { AppError, notFound } from "../http/errors";
import { writeCitations } from "./codecs";
import { coachGreeting, coachReply } from "./engine";
import { memberFacts } from "./member-facts";
import { getActiveProfile, personaOf } from "./profiles";

export const NO_ACTIVE_PROFILE = "no coach profile is active for this organisation; an admin deploys one first";

export interface ChatTranscript {
  id: string;
  createdAt: Date;
  coachProfile: CoachProfile;
  messages: ChatMessage[];
}

const transcript = { coachProfile: true, messages: { orderBy: { createdAt: "asc" as const } } };

/** Opens a session against the active profile, greeting the member in its voice. */
export async function openSession(organizationId: string, memberId: string): Promise<ChatTranscript> {
  const profile = await getActiveProfile(organizationId);
  if (!profile) throw new AppError("CONFLICT", NO_ACTIVE_PROFILE);
  const greeting = coachGreeting(personaOf(profile), await memberFacts(organizationId, memberId));
  return db.chatSession.create({
    data: {
      organizationId,
      memberId,
      coachProfileId: profile.id,
      messages: {
        create: { organizationId, role: "coach", markdown: greeting.markdown, citations: writeCitations(greeting.citations), intent: greeting.intent },
      },
    },
    include: transcript,
  });
}

/** The session with its messages, oldest first. */
export async function getSession(organizationId: string, memberId: string, sessionId: string): Promise<ChatTranscript> {
  const session = await db.chatSession.findFirst({ where: { id: sessionId, organizationId, memberId }, include: transcript });
  if (!session) throw notFound("Chat session");
  return session;
}

/** The coach's reply to the member's message, in the voice of the session's own profile; both are stored. */
export async function postMessage(organizationId: string, memberId: string, sessionId: string, content: string): Promise<ChatMessage> {
  const session = await db.chatSession.findFirst({ where: { id: sessionId, organizationId, memberId }, include: { coachProfile: true } });
  if (!session) throw notFound("Chat session");
  const askedAt = new Date();
  const reply = await coachReply({ profile: personaOf(session.coachProfile), facts: await memberFacts(organizationId, memberId), message: content });
  // The reply is stored after the question, never at the same instant, so the transcript reads in order.
  const answeredAt = new Date(Math.max(Date.now(), askedAt.getTime() + 1));
  const [, answer] = await db.$transaction([
    db.chatMessage.create({ data: { organizationId, sessionId, role: "member", markdown: content, citations: writeCitations({}), createdAt: askedAt } }),
    db.chatMessage.create({
      data: { organizationId, sessionId, role: "coach", markdown: reply.markdown, citations: writeCitations(reply.citations), intent: reply.intent, createdAt: answeredAt },
    }),
  ]);
  return answer;
}
