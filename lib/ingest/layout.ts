/**
 * Positioned words (from a PDF text layer or from OCR) grouped into the cells of a table row: words
 * close together form one cell, a wide gap starts the next column.
 */

export interface Word {
  text: string;
  x0: number;
  x1: number;
  /** OCR confidence 0–100; absent for a PDF text layer, which is exact. */
  confidence?: number;
}

export interface TextLine {
  page: number;
  /** 1-based line number on its page, for messages. */
  number: number;
  cells: Word[];
}

/**
 * Joins words into cells. `gap` is the horizontal distance (same units as x) beyond which two words
 * belong to different columns — about one character height works for both PDFs and scans.
 */
export function toCells(words: Word[], gap: number): Word[] {
  const sorted = words.filter((word) => word.text.trim() !== "").sort((a, b) => a.x0 - b.x0);
  const cells: (Word & { confidences: number[] })[] = [];
  for (const word of sorted) {
    const current = cells.at(-1);
    if (current && word.x0 - current.x1 <= gap) {
      current.text = `${current.text} ${word.text.trim()}`;
      current.x1 = Math.max(current.x1, word.x1);
      if (word.confidence !== undefined) current.confidences.push(word.confidence);
    } else {
      cells.push({ text: word.text.trim(), x0: word.x0, x1: word.x1, confidences: word.confidence === undefined ? [] : [word.confidence] });
    }
  }
  return cells.map(({ confidences, ...cell }) =>
    confidences.length > 0 ? { ...cell, confidence: confidences.reduce((sum, value) => sum + value, 0) / confidences.length } : cell,
  );
}

/** The text of a line with a double space between cells, so column breaks stay visible to patterns. */
export const lineText = (line: TextLine) => line.cells.map((cell) => cell.text).join("  ");
