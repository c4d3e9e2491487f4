#!/usr/bin/env python3
"""A firm ten times the size of a project export, for the dossier benchmark.

Usage: scripts/ten-times-firm.py DEMO.json OUT.json [FACTOR]

Reads a project export (`ready20k-cli export`) and writes one whose people, services,
parties, issues, documents, tickets, registers, audits, actions, objectives and reviews are
repeated FACTOR times (default 10). Copy k adds k*100000 to every numeric `id` and `*_id`
field, " #k" to titles and names and "-k" to document keys, so references stay inside their
copy. The assessment answers and the settings stay as they are.
"""
import copy
import json
import sys

# Lists that grow with the firm (dotted paths in the export).
GROWING = [
    "documents",
    "wizard.issues", "wizard.interested_parties", "wizard.services", "wizard.other_parties",
    "wizard.people", "wizard.role_holders", "wizard.role_deputies",
    "assessment.evidence", "assessment.actions",
    "records.service_levels", "records.service_level_targets", "records.service_map",
    "records.sources", "records.tickets",
    "registers.risks", "registers.risk_actions", "registers.supplier_agreements",
    "registers.supplier_reviews", "registers.supplier_review_actions",
    "registers.supplier_disputes", "registers.supplier_nones", "registers.calendar_duties",
    "registers.calendar_completions",
    "audits.audits", "audits.lines", "audits.reports", "audits.nonconformities",
    "objectives.objectives", "objectives.kpis", "objectives.kpi_values",
    "objectives.incident_reviews",
    "reviews.reviews", "reviews.attendees", "reviews.actions",
]
OFFSET = 100000
LABELS = ("title", "name")
UNIQUE_TEXT = ("occurrence_id", "external_id", "file_name", "doc_key")


def shifted(item, k):
    """Copy `k` of an item: ids moved into the copy's range, labels numbered."""
    if isinstance(item, dict):
        out = {}
        for key, v in item.items():
            if (key == "id" or key.endswith("_id")) and isinstance(v, int) and not isinstance(v, bool):
                out[key] = v + k * OFFSET
            elif key in LABELS and isinstance(v, str):
                out[key] = f"{v} #{k + 1}"
            elif key in UNIQUE_TEXT and isinstance(v, str):
                out[key] = f"{v}-{k + 1}"
            else:
                out[key] = shifted(v, k) if isinstance(v, (dict, list)) else v
        return out
    if isinstance(item, list):
        return [shifted(v, k) for v in item]
    return item


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    factor = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    for path in GROWING:
        parent = doc
        *head, last = path.split(".")
        for key in head:
            parent = parent.get(key) or {}
        items = parent.get(last)
        if not isinstance(items, list):
            continue
        parent[last] = items + [shifted(copy.deepcopy(i), k) for k in range(1, factor) for i in items]
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
