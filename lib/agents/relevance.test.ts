import { describe, expect, it } from "vitest";
import { MAX_LABS_ANALYZED, selectMostRelevant } from "./relevance";

interface Lab {
  name: string;
  flag?: string;
  date?: string;
}

const labs = (n: number, make: (i: number) => Partial<Lab> = () => ({})): Lab[] =>
  Array.from({ length: n }, (_, i) => ({ name: `lab-${i}`, ...make(i) }));

const names = (items: Lab[]) => items.map((l) => l.name);

describe("selectMostRelevant", () => {
  it("keeps everything, in order, up to the limit", () => {
    const input = labs(MAX_LABS_ANALYZED, (i) => ({ flag: i % 2 ? "High" : undefined }));
    const { kept, received } = selectMostRelevant(input);
    expect(received).toBe(200);
    expect(kept).toEqual(input);
  });

  it("keeps critical, then abnormal, then newest, and returns them in the order they were sent", () => {
    const input = [
      { name: "old normal", flag: "Normal", date: "2020-01-01" },
      { name: "new normal", date: "2025-01-01" },
      { name: "undated normal" },
      { name: "old high", flag: "High", date: "2019-05-01" },
      { name: "critical", flag: "Critical", date: "2001-01-01" },
      { name: "newest normal", flag: "N", date: "2025-06-01T08:00:00Z" },
    ];
    expect(names(selectMostRelevant(input, 1).kept)).toEqual(["critical"]);
    expect(names(selectMostRelevant(input, 2).kept)).toEqual(["old high", "critical"]);
    expect(names(selectMostRelevant(input, 3).kept)).toEqual(["old high", "critical", "newest normal"]);
    expect(names(selectMostRelevant(input, 5).kept)).toEqual(["old normal", "new normal", "old high", "critical", "newest normal"]);
    expect(selectMostRelevant(input, 3).received).toBe(6);
  });

  it("reads HL7 panic flags and critical wording as critical, and any other stated flag as abnormal", () => {
    const flags = ["Normal", "negative", "HH", "H", "LL", "Elevated", "AA", "Critical - called to ward", "wnl", "A", "Positive", "L"];
    const input = flags.map((flag, i) => ({ name: flag, flag, date: `2025-01-${String(10 + i).padStart(2, "0")}` }));
    // Critical first (newest first among them), then the abnormal ones, newest first.
    const kept = selectMostRelevant(input, 4).kept;
    expect(names(kept).sort()).toEqual(["AA", "Critical - called to ward", "HH", "LL"].sort());
    const abnormal = selectMostRelevant(input, 10).kept;
    expect(names(abnormal)).not.toContain("Normal");
    expect(names(abnormal)).not.toContain("negative");
    expect(names(abnormal)).toHaveLength(10);
    expect(names(selectMostRelevant(input, 9).kept)).not.toContain("wnl");
  });

  it("orders by date newest first across formats, undated and unreadable dates last, ties in the order sent", () => {
    const input = [
      { name: "undated" },
      { name: "garbage", date: "last Tuesday" },
      { name: "us-2024", date: "03/15/2024" },
      { name: "iso-2025", date: "2025-02-01" },
      { name: "tie-a", date: "2023-01-01" },
      { name: "tie-b", date: "2023-01-01" },
    ];
    expect(names(selectMostRelevant(input, 2).kept)).toEqual(["us-2024", "iso-2025"]);
    expect(names(selectMostRelevant(input, 3).kept)).toEqual(["us-2024", "iso-2025", "tie-a"]);
    expect(names(selectMostRelevant(input, 5).kept)).toEqual(["undated", "us-2024", "iso-2025", "tie-a", "tie-b"]);
  });

  it("keeps a critical result sent after 200 others", () => {
    const input = [...labs(200, (i) => ({ flag: "Normal", date: `2025-01-${String((i % 28) + 1).padStart(2, "0")}` })), { name: "potassium", flag: "Critical" }];
    const { kept, received } = selectMostRelevant(input);
    expect(received).toBe(201);
    expect(kept).toHaveLength(200);
    expect(kept.at(-1)?.name).toBe("potassium");
  });
});
