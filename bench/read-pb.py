#!/usr/bin/env python3
"""A plain Python reader of a Pabulib file, the baseline of bench/pb.ts: reads META, PROJECTS and
VOTES with the csv module, splits every vote into its project ids, counts the votes per project and
prints the greedy winners as JSON (points summed for cumulative and scoring files), the way a straightforward script would (no checks)."""
import csv
import json
import sys


def main(path):
    meta, projects, votes = {}, {}, []
    section, header, uses_points = None, None, False
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.reader(f, delimiter=";"):
            if not row or all(not field.strip() for field in row):
                continue
            if row[0].strip() in ("META", "PROJECTS", "VOTES") and len([x for x in row if x.strip()]) == 1:
                section, header = row[0].strip(), None
                continue
            if header is None:
                header = [h.strip() for h in row]
                continue
            record = dict(zip(header, row))
            if section == "META":
                meta[record["key"]] = record["value"]
                uses_points = meta.get("vote_type") in ("cumulative", "scoring")
            elif section == "PROJECTS":
                projects[record["project_id"]] = float(record["cost"].replace(",", "."))
            else:
                vote = [p.strip() for p in record["vote"].split(",") if p.strip()]
                if uses_points:
                    vote = list(zip(vote, (int(x) for x in record["points"].split(","))))
                votes.append(vote)
    score = {p: 0 for p in projects}
    if uses_points:
        for vote in votes:
            for p, points in vote:
                score[p] += points
    else:
        for vote in votes:
            for p in vote:
                score[p] += 1
    remaining = float(meta["budget"].replace(",", "."))
    selected = []
    for p in sorted(projects, key=lambda p: (-score[p], projects[p], p)):
        if score[p] > 0 and projects[p] <= remaining:
            selected.append(p)
            remaining -= projects[p]
    print(json.dumps({"selected": selected}))


if __name__ == "__main__":
    main(sys.argv[1])
