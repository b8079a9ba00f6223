/**
 * The coach's words, per tone (data, not rules: which variant applies is decided in `replies.ts`). Every template
 * here is Labwise's own wording and says nothing medical: what a result means comes from the clinical engine's
 * findings and the catalogue's explanations, each with its sources. Reading level is applied where the facts are
 * written (`replies.ts`): plain uses short sentences and the patient's names, detailed adds the clinician's terms.
 */
import type { CoachTone } from "../types";

export interface ToneWords {
  /** Before an answer about a result; may be empty. */
  open: (name: string) => string;
  inRange: string;
  high: string;
  low: string;
  abnormal: string;
  critical: string;
  /** A flag the engine could not place (no usable range). */
  unplaced: string;
  /** Said before "I don't see a … result on file." */
  missingLead: string;
  up: string;
  down: string;
  unchanged: string;
  refuse: { dosing: string; diagnosis: string; prescription: string; topic: (topic: string) => string };
  askLead: string;
  /** After an answer; may be empty. */
  close: string;
}

export const TONES: Record<CoachTone, ToneWords> = {
  warm: {
    open: (name) => `Thanks for asking about your ${name}.`,
    inRange: "Good news: it is inside the usual range.",
    high: "It is a little above the usual range.",
    low: "It is a little below the usual range.",
    abnormal: "The lab marked it as not what they usually see.",
    critical: "The lab marked it as needing a doctor's attention right away.",
    unplaced: "I can't tell from the report whether it is in the usual range.",
    missingLead: "I'm sorry, I looked through your reports.",
    up: "went up",
    down: "went down",
    unchanged: "stayed about the same",
    refuse: {
      dosing: "I'm sorry, I can't help with doses of any medicine.",
      diagnosis: "I understand wanting an answer, but I can't diagnose a condition.",
      prescription: "I'm sorry, I can't suggest starting, stopping or changing a medicine.",
      topic: (topic) => `I'm sorry, ${topic} is not something I can help with here.`,
    },
    askLead: "You could ask your clinician:",
    close: "I'm here if you have more questions.",
  },
  direct: {
    open: () => "",
    inRange: "It is in range.",
    high: "It is above range.",
    low: "It is below range.",
    abnormal: "The lab flagged it as abnormal.",
    critical: "The lab flagged it as critical.",
    unplaced: "The report gives no range to compare it with.",
    missingLead: "",
    up: "rose",
    down: "fell",
    unchanged: "held steady",
    refuse: {
      dosing: "I don't give dosing advice.",
      diagnosis: "I don't diagnose conditions.",
      prescription: "I don't recommend medicines or changes to them.",
      topic: (topic) => `I don't cover ${topic}.`,
    },
    askLead: "Ask your clinician:",
    close: "",
  },
  clinical: {
    open: (name) => `Regarding your ${name}:`,
    inRange: "The result is within the reference interval.",
    high: "The result is above the reference interval.",
    low: "The result is below the reference interval.",
    abnormal: "The laboratory reported the result as abnormal.",
    critical: "The laboratory reported the result as a critical value.",
    unplaced: "No usable reference interval was reported for this result.",
    missingLead: "",
    up: "increased",
    down: "decreased",
    unchanged: "was unchanged",
    refuse: {
      dosing: "Medication dosing is outside the scope of this service.",
      diagnosis: "Diagnosis is outside the scope of this service.",
      prescription: "Prescribing and medication changes are outside the scope of this service.",
      topic: (topic) => `The topic "${topic}" is outside the scope of this service.`,
    },
    askLead: "Question for your clinician:",
    close: "",
  },
  encouraging: {
    open: (name) => `Great question! Looking at your ${name} is a smart step.`,
    inRange: "Nice: it is right in the usual range.",
    high: "It is above the usual range, and knowing that lets you act on it.",
    low: "It is below the usual range, and knowing that lets you act on it.",
    abnormal: "The lab flagged it, which is a good thing to know early.",
    critical: "The lab flagged it as needing a doctor right away.",
    unplaced: "The report does not show a range for it, so your clinician is the best one to read it.",
    missingLead: "Good thinking to check!",
    up: "went up",
    down: "went down",
    unchanged: "held steady",
    refuse: {
      dosing: "Doses are best worked out with your clinician, so I can't advise on them.",
      diagnosis: "Your clinician is the right person for a diagnosis, so I can't give one.",
      prescription: "Medicine choices are best made with your clinician, so I can't suggest them.",
      topic: (topic) => `${topic.charAt(0).toUpperCase()}${topic.slice(1)} is outside what I can help with, but your care team can.`,
    },
    askLead: "A great question for your clinician:",
    close: "Keep asking questions: you are doing great by staying informed.",
  },
};

/** Questions anyone can take to a clinician about their results: no claim about what the results mean. */
export const GENERIC_QUESTIONS = [
  "What do these results mean for my health?",
  "Do any of them need a repeat test, and when?",
  "Is there anything I should do before my next test?",
];

export const EMERGENCY_NUMBERS = "If this is happening now, call your local emergency number right away (911 in the US).";
export const CRISIS_LINE = "If you are thinking about suicide or hurting yourself, call or text 988 in the US (the Suicide & Crisis Lifeline) now, or your local emergency number.";
export const NOT_A_DIAGNOSIS = "This is an explanation of your numbers, not a diagnosis.";
