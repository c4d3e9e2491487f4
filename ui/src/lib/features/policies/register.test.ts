import { describe, expect, it } from "vitest";
import type { RegisterEntry } from "../../bindings/RegisterEntry";
import { countMatching, DEFAULT_FILTER, groupByClause, matches } from "./register";

function entry(over: Partial<RegisterEntry>): RegisterEntry {
  return {
    key: "DOC-X",
    document_id: null,
    title: "X",
    kind: "document",
    required: true,
    expected: false,
    custom: false,
    description: "",
    clauses: ["5.2"],
    group: "5",
    group_title: "Leadership",
    status: "missing",
    owner_role: "ROLE-SMSM",
    owner_name: "",
    approver_role: "ROLE-TM",
    approver_role_name: "Top management",
    version: null,
    approved_version: null,
    next_review_date: null,
    draft_pending: false,
    templates: [],
    ...over,
  };
}

const entries = [
  entry({ key: "DOC-SM-POLICY", title: "Service management policy", status: "approved", owner_name: "Bob Ray" }),
  entry({ key: "DOC-SCOPE", title: "SMS scope statement", group: "4", group_title: "Context", clauses: ["4.3"] }),
  entry({
    key: "REC-RFC",
    title: "Requests for change",
    kind: "record",
    group: "8",
    group_title: "Operation",
    status: "overdue",
  }),
  entry({ key: "RDOC-RACI", title: "RACI", required: false, group: "10", group_title: "Improvement" }),
  entry({ key: "OWN-001", title: "Backup runbook", required: false, custom: true, group: "8", status: "draft" }),
];

describe("register filters", () => {
  it("hides recommended extras by default but keeps the firm's own", () => {
    expect(countMatching(entries, DEFAULT_FILTER)).toBe(4);
    expect(countMatching(entries, { ...DEFAULT_FILTER, requiredOnly: false })).toBe(5);
  });

  it("filters by status, attention and kind", () => {
    expect(countMatching(entries, { ...DEFAULT_FILTER, status: "approved" })).toBe(1);
    const attention = entries.filter((e) => matches(e, { ...DEFAULT_FILTER, status: "attention" }));
    expect(attention.map((e) => e.key)).toEqual(["DOC-SCOPE", "REC-RFC"]);
    expect(countMatching(entries, { ...DEFAULT_FILTER, kind: "record" })).toBe(1);
  });

  it("searches title, id, clause and owner, all words", () => {
    const q = (query: string) => entries.filter((e) => matches(e, { ...DEFAULT_FILTER, query })).map((e) => e.key);
    expect(q("policy")).toEqual(["DOC-SM-POLICY"]);
    expect(q("bob")).toEqual(["DOC-SM-POLICY"]);
    expect(q("4.3")).toEqual(["DOC-SCOPE"]);
    expect(q("rec-rfc")).toEqual(["REC-RFC"]);
    expect(q("service policy")).toEqual(["DOC-SM-POLICY"]);
    expect(q("nothing here")).toEqual([]);
  });

  it("groups by clause in numeric order", () => {
    const groups = groupByClause(entries, { ...DEFAULT_FILTER, requiredOnly: false });
    expect(groups.map((g) => g.group)).toEqual(["4", "5", "8", "10"]);
    expect(groups[2]?.entries.map((e) => e.key)).toEqual(["REC-RFC", "OWN-001"]);
  });
});
