"""Gantt positions, Mermaid structure, iCalendar events, and the chart picture."""

from __future__ import annotations

import io
import itertools
import re
from datetime import date
from pathlib import Path

import icalendar
import pytest
from rich.console import Console
from typer.testing import CliRunner

from cgt_timeline.cli import app
from cgt_timeline.engine import estimate
from cgt_timeline.render.gantt import CHARS, LABEL_WIDTH, layout, render

runner = CliRunner()
TODAY = date(2026, 11, 26)


def gantt_lines(pack, prof, width=100, no_color=True):
    report = estimate(pack, prof)
    chart = layout(report.estimates, width=width, today=TODAY)
    console = Console(width=width, file=io.StringIO(), no_color=no_color, color_system=None)
    console.print(render(chart))
    return chart, report, console.file.getvalue().splitlines()


def test_gantt_bars_sit_at_their_dates_in_100_columns(pack, profile) -> None:
    chart, report, lines = gantt_lines(
        pack, profile(submission="2026-06-01", designations=["rmat"])
    )
    assert max(len(x) for x in lines) <= 100
    # The axis runs from the first day of the first month to the first of the month
    # after the last approval; a date's column is its share of that span.
    span = (chart.last - chart.first).days
    for e in report.estimates:
        line = next(x for x in lines if x.startswith(e.pathway.id + " "))
        bar = line[LABEL_WIDTH + 1 :]
        expected = round((e.approval - chart.first).days / span * (chart.bar_width - 1))
        assert bar.index(CHARS["approval"]) == expected, e.pathway.id
        start = round((e.submission - chart.first).days / span * (chart.bar_width - 1))
        first_bar = min(i for i, ch in enumerate(bar) if ch in "█░▓")
        assert first_bar == start, e.pathway.id
    rmat = next(x for x in lines if x.startswith("fda-rmat "))
    assert CHARS["designation"] in rmat  # the RMAT request two months before the BLA
    ema = next(x for x in lines if x.startswith("ema-standard "))
    assert "░" in ema and "▓" in ema  # clock stops and the Commission decision


def test_gantt_marks_today_and_reads_without_colour(pack, profile) -> None:
    chart, _, lines = gantt_lines(pack, profile())
    marker = next(x for x in lines if x.startswith("today 2026-11-26"))
    assert marker[LABEL_WIDTH + 1 + chart.column(TODAY)] == "▼"
    assert lines[-2].startswith("· designation  █ review")
    assert lines[-1].startswith("▒ a risk event the plan counts")


def test_gantt_shades_the_delay_of_a_risk_the_plan_counts(pack, profile) -> None:
    # ema-prime's opinion: Day 150 on the 25 Mar 2027 plenary, + 4 months for the
    # reversion (likelier than not) to the 22 Jul 2027 plenary (test_ema): those columns
    # are shaded ▒, and no other pathway counts a risk; without ema-prime (not eligible
    # without an unmet need) no bar has ▒ and the legend leaves it out.
    chart, _, lines = gantt_lines(pack, profile(submission="2026-09-01"))
    prime = next(r for r in chart.rows if r.pathway == "ema-prime")
    risk = [s for s in prime.segments if s.phase == "risk"]
    assert [(s.start, s.end) for s in risk] == [(date(2027, 3, 25), date(2027, 7, 22))]
    bar = next(x for x in lines if x.startswith("ema-prime "))[LABEL_WIDTH + 1 :]
    shaded = [i for i, ch in enumerate(bar) if ch == CHARS["risk"]]
    assert shaded == list(
        range(chart.column(date(2027, 3, 25)), chart.column(date(2027, 7, 22)) + 1)
    )
    others = [x for x in lines if x.split(" ")[0] in {r.pathway for r in chart.rows}]
    assert sum(CHARS["risk"] in x for x in others) == 1
    _, _, no_risk = gantt_lines(pack, profile(submission="2026-09-01", unmet_medical_need=False))
    assert any(x.startswith("ema-prime ") and "(not eligible)" in x for x in no_risk)
    assert not any(x.startswith("▒") for x in no_risk)


def test_estimate_gantt_in_the_cli() -> None:
    result = runner.invoke(app, ["estimate", "--gantt", "--today", "2026-11-26"])
    assert result.exit_code == 0
    assert "Approval timelines:" in result.stdout and "today 2026-11-26" in result.stdout
    assert runner.invoke(app, ["estimate", "--gantt", "-f", "json"]).exit_code == 2
    bad = runner.invoke(app, ["estimate", "--gantt", "--today", "2026-13-01"])
    assert bad.exit_code == 1 and "--today" in bad.stderr


def test_mermaid_has_a_section_per_pathway_and_a_task_per_milestone() -> None:
    out = runner.invoke(app, ["estimate", "-f", "mermaid"]).stdout
    lines = out.splitlines()
    assert lines[0] == "```mermaid" and lines[1] == "gantt" and lines[-1] == "```"
    assert "    dateFormat YYYY-MM-DD" in lines
    sections = [x for x in lines if x.startswith("    section ")]
    assert len(sections) == 8
    import json

    data = json.loads(runner.invoke(app, ["estimate", "-f", "json"]).stdout)
    tasks = [x for x in lines if re.match(r"    [^ ].* :", x) and not x.startswith("    section")]
    # A task per milestone, and one per delay of a risk the plan counts.
    delays = sum(
        len(m.get("includes_risks", [])) for e in data["estimates"] for m in e["milestones"]
    )
    assert delays == 1
    assert len(tasks) == sum(len(e["milestones"]) for e in data["estimates"]) + delays
    task = re.compile(
        r"^    [^:]+ :(milestone, |crit, )?[a-z0-9-]+, (\d{4}-\d\d-\d\d), (0d|\d{4}-\d\d-\d\d)$"
    )
    for x in tasks:
        match = task.match(x)
        assert match, x
        date.fromisoformat(match.group(2))
    assert "    BLA filed (day 60) :fda-rmat-bla-filing, 2026-06-01, 2026-07-31" in lines
    # ema-prime's Day 150 opinion ends on its own count (25 Mar 2027); the reversion the
    # plan counts is a critical task from there to the 22 Jul 2027 plenary (test_ema).
    assert (
        "    CHMP opinion (Day 150, accelerated assessment) :ema-prime-chmp-opinion, "
        "2027-02-24, 2027-03-25"
    ) in lines
    assert (
        "    Accelerated assessment reverts to the 210-day timetable (+ 4 months, likelier "
        "than not) :crit, ema-prime-chmp-opinion-accelerated-assessment-reverts, "
        "2027-03-25, 2027-07-22"
    ) in lines


def test_ics_has_every_milestone_with_stable_uids() -> None:
    text = runner.invoke(app, ["estimate", "-f", "ics", "--today", "2026-11-26"]).stdout
    cal = icalendar.Calendar.from_ical(text)
    events = [c for c in cal.walk("VEVENT")]
    import json

    data = json.loads(runner.invoke(app, ["estimate", "-f", "json"]).stdout)
    expected = {
        (e["pathway"], m["id"], m["date"]) for e in data["estimates"] for m in e["milestones"]
    }
    found = {
        (
            str(ev["uid"]).split(".")[1],
            str(ev["uid"]).split(".")[2].split("@")[0],
            ev.decoded("dtstart").isoformat(),
        )
        for ev in events
    }
    assert found == expected
    # Moving a date keeps the UID: a re-import updates the event.
    moved = icalendar.Calendar.from_ical(
        runner.invoke(
            app,
            [
                "estimate",
                "-f",
                "ics",
                "--today",
                "2026-11-26",
                "--set",
                "ema-prime.day-120-clock-stop=2months",
            ],
        ).stdout
    )
    uids = {str(ev["uid"]) for ev in events}
    assert uids == {str(ev["uid"]) for ev in moved.walk("VEVENT")}
    assert len(uids) == len(events)


def test_chart_draws_a_png_and_an_svg(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    png = tmp_path / "timeline.png"
    result = runner.invoke(app, ["chart", "-o", str(png), "--today", "2026-11-26"])
    assert result.exit_code == 0, result.output
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000
    svg = tmp_path / "timeline.svg"
    assert runner.invoke(app, ["chart", "-o", str(svg), "-p", "fda-rmat"]).exit_code == 0
    assert "<svg" in svg.read_text()[:500]
    # The legend names the counted risk's shading only where a bar has one (ema-prime).
    assert "risk counted in the plan" not in svg.read_text()
    eu = tmp_path / "eu.svg"
    assert runner.invoke(app, ["chart", "-o", str(eu), "-p", "ema-prime"]).exit_code == 0
    assert "risk counted in the plan" in eu.read_text()
    again = runner.invoke(app, ["chart", "-o", str(png)])
    assert again.exit_code == 1 and "--force" in again.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["eu.svg", "timeline.png", "timeline.svg"]


def test_chart_refuses_unknown_formats_and_explains_a_missing_matplotlib(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = runner.invoke(app, ["chart", "-o", str(tmp_path / "t.gif")])
    assert bad.exit_code == 1 and "not a picture format" in bad.stderr
    import cgt_timeline.render.chart as chart

    def missing(*args: object, **kwargs: object) -> None:
        raise chart.MissingMatplotlib("No module named 'matplotlib'")

    monkeypatch.setattr(chart, "draw", missing)
    result = runner.invoke(app, ["chart", "-o", str(tmp_path / "t.png")])
    assert result.exit_code == 1
    assert "pip install 'cgt-timeline[chart]'" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("width", [60, 80, 100, 140])
@pytest.mark.parametrize("submission", ["2026-03-02", "2026-06-01", "2026-09-01", "2027-01-04"])
def test_gantt_month_labels_never_run_together(pack, profile, width, submission) -> None:
    # Every tick label ("2026-04") stands alone: the next starts at least one column after
    # it ends (a 2026-09 submission once printed "2027-022027-04").
    chart, _, lines = gantt_lines(pack, profile(submission=submission), width=width)
    cols = [c for c, _ in chart.ticks]
    assert cols and all(b - a >= 8 for a, b in itertools.pairwise(cols))
    axis = lines[0][LABEL_WIDTH + 1 :]
    assert re.fullmatch(r"\d{4}-\d{2}(\s+\d{4}-\d{2})*", axis.strip()) is not None


def _ics_event(pathway: str, milestone: str) -> icalendar.Event:
    """The built-in example's calendar event for one milestone of one pathway."""
    text = runner.invoke(app, ["estimate", "-p", pathway, "-f", "ics"]).stdout
    events = icalendar.Calendar.from_ical(text).walk("VEVENT")
    return next(ev for ev in events if str(ev["uid"]).split(".")[2].startswith(milestone))


def test_an_ics_event_says_when_a_rule_moved_its_date() -> None:
    # The CAT step is counted as "1 day before" the CHMP's Day 120 (28 Jan 2027) and then
    # moved to the Friday before, 22 Jan: the event says both.
    cat = _ics_event("ema-standard", "cat-day-120")
    assert cat.decoded("dtstart").isoformat() == "2027-01-22"
    description = " ".join(str(cat["description"]).split())
    assert "1 calendar day before day-120-list-of-questions" in description
    assert "moved from 2027-01-27 (friday-on-or-before, rule)" in description


def test_an_ics_event_says_which_risk_the_plan_counts_in_its_date() -> None:
    # ema-prime's opinion: Day 150 on 25 Mar 2027, + 4 months for the reversion the plan
    # counts (likelier than not), on the 22 Jul 2027 plenary (test_ema).
    opinion = _ics_event("ema-prime", "chmp-opinion")
    assert opinion.decoded("dtstart").isoformat() == "2027-07-22"
    description = " ".join(str(opinion["description"]).split())
    assert (
        "+ 4 months from 2027-03-25 (accelerated-assessment-reverts, likelier than not)"
        in description
    )


def test_mermaid_puts_a_delayed_approval_at_its_date() -> None:
    # fda-rmat with a missed goal counted (odds set to 60%): the goal is 31 Jan 2027 (a
    # Sunday), + 11 weeks = Sunday 18 Apr, the working day before: Friday 16 Apr. The
    # approval point sits there, and the critical task spans the delay from the goal.
    out = runner.invoke(
        app, ["estimate", "-p", "fda-rmat", "--set", "fda-rmat.goal-missed=0.6", "-f", "mermaid"]
    ).stdout
    lines = out.splitlines()
    assert (
        "    BLA approval (action by the goal date) :milestone, fda-rmat-bla-approval, "
        "2027-04-16, 0d"
    ) in lines
    crit = next(x for x in lines if ":crit, fda-rmat-bla-approval-goal-missed," in x)
    assert crit.endswith("2027-01-31, 2027-04-16")
