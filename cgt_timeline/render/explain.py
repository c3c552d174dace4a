"""``explain`` as text (for the terminal) and Markdown, from the explanation data."""

from __future__ import annotations

from typing import Any


def _source_line(s: dict[str, Any]) -> str:
    parts = [s["title"]]
    if s.get("section"):
        parts.append(s["section"])
    if s.get("url"):
        parts.append(s["url"])
    status = "" if s["status"] == "official" else f" [{s['status']}]"
    return f"{s['id']}{status}: " + "; ".join(parts)


def _calendar_lines(cal: dict[str, Any]) -> list[str]:
    lines = [f"calendar: {cal['name']}"]
    skipped = cal["holidays_skipped"]
    if skipped:
        lines.append(
            f"  skipped {len(skipped)} weekday holiday(s): "
            + ", ".join(f"{h['date']} {h['name']}" for h in skipped)
        )
    else:
        lines.append("  no weekday holidays in the span")
    if cal["makeup_days_counted"]:
        lines.append("  counted make-up working day(s): " + ", ".join(cal["makeup_days_counted"]))
    if cal["provisional_years"]:
        years = ", ".join(str(y) for y in cal["provisional_years"])
        lines.append(
            f"  {years}: projected calendar (no official notice in the installed holidays data)"
        )
    if cal["moved_to_working_day"]:
        lines.append("  the date was moved to the nearest working day")
    return lines


def lines(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The explanation as (style, text) lines; style is a Rich style or ''."""
    p = data["pathway"]
    out: list[tuple[str, str]] = [
        ("bold", f"{p['id']}: {p['name']}"),
        (
            "",
            f"{p['jurisdiction']}, {p['agency']}. Profile: {data['profile']['name']} "
            f"({data['profile']['source']})",
        ),
        ("dim", f"Rules: {' <- '.join(reversed(p['files']))}; checked {p['checked_on']}"),
    ]
    if data["eligibility"]:
        out.append(("bold", "Eligibility"))
        for c in data["eligibility"]:
            mark = "met" if c["met"] else "NOT MET"
            out.append(("" if c["met"] else "red", f"  [{mark}] {c['condition']}: {c['reason']}"))
    if not data["eligible"]:
        out.append(("red", "Not eligible: no timeline."))
        return out
    if not data["milestones"]:
        out.append(("yellow", f"Not dated: no planned submission date for {p['jurisdiction']}."))
        return out
    out.append(("bold", "Milestones, in date order"))
    for i, m in enumerate(data["milestones"], 1):
        out.append(
            ("bold", f"{i:>2}. {m['date']}  {m['name']}  ({m['id']}, {m['kind']}, {m['basis']})")
        )
        if m["relation"] == "input" or not m["counted_from"]:
            out.append(("", f"    from {m['rule']}"))
        else:
            refs = ", ".join(
                f"{r['id']} {r['date']}"
                + (" (latest)" if r["latest"] and len(m["counted_from"]) > 1 else "")
                for r in m["counted_from"]
            )
            out.append(("", f"    = {m['rule']}  [{refs}]"))
        d = m["duration"]
        if d and d["from"] in ("profile", "--set"):
            out.append(
                (
                    "yellow",
                    f"    duration {d['value']} set by {d['from']} "
                    f"(rule default {d['rule_default']})",
                )
            )
        elif d and d["from"] == "rule case":
            out.append(
                ("", f"    duration {d['value']}: {d['case']} (otherwise {d['rule_default']})")
            )
        if m["calendar"]:
            out.extend(("", f"    {line}") for line in _calendar_lines(m["calendar"]))
        moved = _moved_line(m)
        if moved:
            out.append(("yellow", f"    {moved}"))
        for r in m.get("includes_risks", []):
            out.append(
                (
                    "yellow",
                    f"    + {r['adds']} from {r['from']}: {r['name']} (risk {r['risk']}, "
                    "likelier than not, so counted in the plan at its likely size)",
                )
            )
        placed = _placed_line(m)
        if placed:
            out.append(("dim", f"    {placed}"))
        for s in m["sources"]:
            out.append(("dim", f"    source {_source_line(s)}"))
        if m["note"]:
            out.append(("dim", f"    note: {m['note'].strip()}"))
    if data["approval"]:
        tail = f"Approval {data['approval']}"
        if data["baseline"] and data["baseline"]["days_saved"] is not None:
            tail += (
                f"; {data['baseline']['days_saved']} days against {data['baseline']['pathway']}"
                f" ({data['baseline']['approval']})"
            )
        out.append(("bold", tail))
    for r in data.get("risks", []):
        lead = "In these dates (likelier than not)" if r.get("in_plan") else "Not in these dates"
        out.append(("", f"{lead}: {_risk_line(r)}"))
        for s in r["sources"]:
            out.append(("dim", f"    source {_source_line(s)}"))
    for w in data["warnings"]:
        out.append(("yellow", f"warning: {w}"))
    return out


def _risk_line(r: dict[str, Any]) -> str:
    """'Accelerated assessment reverts ... (risk accelerated-assessment-reverts on
    chmp-opinion): 75%, adds 1 month to 16 months (4 months likely); --trials draws it'."""
    adds = r["adds"]
    size = (
        adds["likely"]
        if adds["low"] == adds["likely"] == adds["high"]
        else f"{adds['low']} to {adds['high']} ({adds['likely']} likely)"
    )
    if r.get("in_plan"):
        then = r.get("approval_if_it_does_not")
        what = f"; if it does not: approval {then}" if then else ""
    else:
        then = r.get("approval_if_it_happens")
        what = f"; if it happens (at {adds['likely']}): approval {then}" if then else ""
    return (
        f"{r['name']} (risk {r['id']} on {r['milestone']}): {r['probability']:.0%}, "
        f"adds {size}{what}; --trials draws it"
    )


def _moved_line(m: dict[str, Any]) -> str | None:
    """'moved from 2027-02-28 by the chmp-restart-30 rule (projected)', or None."""
    snapped = m.get("snapped")
    if not snapped:
        return None
    calendar = snapped["calendar"]
    if snapped.get("published_in"):
        if snapped.get("source_status") == "secondary":
            calendar = f"published, as reported by {snapped['published_in']}"
        else:
            calendar = f"published in {snapped['published_in']}"
    why = [x for x in (snapped.get("why"), calendar) if x and x != "rule"]
    return f"moved from {snapped['from']} by the {snapped['rule']} rule" + (
        f" ({'; '.join(why)})" if why else ""
    )


def _placed_line(m: dict[str, Any]) -> str | None:
    """'on the EMA calendar: 2019-03-28, published (...)' for a step already on it."""
    placed = m.get("on_calendar")
    # (A moved date says where in its "moved from" line, unless a counted risk then
    # moved it on to another calendar date.)
    if not placed or (m.get("snapped") and not m.get("includes_risks")):
        return None
    where = placed["published_in"] or "no page on file"
    if placed.get("source_status") == "secondary":
        where = f"as reported by {where}"
    what = f"published ({where})" if placed["calendar"] == "published" else "projected"
    return f"on the EMA calendar: {placed['date']}, {what}"


def text(data: dict[str, Any]) -> str:
    """Plain text."""
    return "\n".join(t for _, t in lines(data)) + "\n"


def markdown(data: dict[str, Any]) -> str:
    """GitHub-flavoured Markdown."""
    p = data["pathway"]
    md = [
        f"# Why these dates: {p['id']}",
        "",
        f"**{p['name']}** ({p['jurisdiction']}, {p['agency']}). Profile: "
        f"{data['profile']['name']}. Rules checked {p['checked_on']}.",
        "",
    ]
    if data["eligibility"]:
        md += ["## Eligibility", ""]
        md += [
            f"- {'met' if c['met'] else '**not met**'}: {c['condition']} ({c['reason']})"
            for c in data["eligibility"]
        ]
        md.append("")
    md += ["## Milestones", ""]
    for m in data["milestones"]:
        md.append(f"### {m['date']}: {m['name']}")
        md.append("")
        md.append(f"- `{m['id']}` ({m['kind']}, {m['basis']}): {m['rule']}")
        for r in m["counted_from"]:
            md.append(f"- counted from `{r['id']}` on {r['date']}")
        d = m["duration"]
        if d and d["from"] != "rule":
            md.append(
                f"- duration {d['value']} from {d['from']}"
                + (f" ({d['case']})" if d.get("case") else "")
                + f"; rule default {d['rule_default']}"
            )
        if m["calendar"]:
            md += [f"- {line.strip()}" for line in _calendar_lines(m["calendar"])]
        moved, placed = _moved_line(m), _placed_line(m)
        md += [f"- {moved}"] if moved else []
        md += [
            f"- + {r['adds']} from {r['from']}: {r['name']} (risk `{r['risk']}`, likelier "
            "than not, so counted in the plan at its likely size)"
            for r in m.get("includes_risks", [])
        ]
        md += [f"- {placed}"] if placed else []
        md += [f"- source {_source_line(s)}" for s in m["sources"]]
        md.append("")
    for title, in_plan in (
        ("In these dates (likelier than not)", True),
        ("Not in these dates", False),
    ):
        chosen = [r for r in data.get("risks", []) if bool(r.get("in_plan")) == in_plan]
        if not chosen:
            continue
        md += [f"## {title}", ""]
        for r in chosen:
            md.append(f"- {_risk_line(r)}")
            md += [f"  - source {_source_line(s)}" for s in r["sources"]]
        md.append("")
    for w in data["warnings"]:
        md.append(f"> warning: {w}")
    return "\n".join(md).rstrip() + "\n"
