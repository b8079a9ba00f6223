/**
 * Reading level of the patient text: Flesch–Kincaid grade (the `flesch-kincaid` formula, syllables counted
 * by `syllable`) over its prose, with Markdown, citation markers and numbers taken out. Used by the tests
 * that hold the patient text to grade 6–8.
 */
import { fleschKincaid } from "flesch-kincaid";
import { syllable } from "syllable";

/** The sentences a reader reads: no headings' markup, emphasis, citation markers, links, tables or numbers. */
export function prose(markdown: string): string {
  return markdown
    .split("\n")
    .filter((line) => !/^\s*(?:\||---|#)/.test(line))
    .map((line) => line.replace(/^\s*(?:[-*>]|\d+\.)\s+/, ""))
    .join("\n")
    .replace(/\[\d+\]/g, "")
    .replace(/[*_`]/g, "")
    .replace(/\([^)]*\)/g, "")
    .replace(/\b\d+(?:[.,]\d+)?\b/g, "")
    .trim();
}

export function readingGrade(markdown: string): { grade: number; sentences: number; words: number } {
  const text = prose(markdown);
  const sentences = text.split(/[.!?]+(?:\s|$)|\n+/).filter((s) => /[a-z]/i.test(s));
  const words = text.match(/[a-z][a-z'’-]*/gi) ?? [];
  const syllables = words.reduce((sum, word) => sum + syllable(word), 0);
  return { grade: fleschKincaid({ sentence: sentences.length, word: words.length, syllable: syllables }), sentences: sentences.length, words: words.length };
}
