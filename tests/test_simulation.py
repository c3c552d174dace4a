"""Monte Carlo: reproducible, consistent with the deterministic dates, and right."""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from cgt_timeline.cli import app
from cgt_timeline.engine import Report, estimate, estimate_pathway
from cgt_timeline.errors import InputError
from cgt_timeline.model import DurationRange
from cgt_timeline.resources import builtin_rules_dir
from cgt_timeline.rulepack import RulePack, load_rules
from cgt_timeline.simulation import Sampler, sensitivity, simulate, simulate_estimate

from test_rules import GOOD

runner = CliRunner()


def collapsed(pack: RulePack) -> RulePack:
    """Every range collapsed to its likely value, no risk events."""
    pathways = {}
    for pid, p in pack.pathways.items():
        milestones = tuple(
            replace(
                m,
                duration=DurationRange(likely=m.duration.likely) if m.duration else None,
                cases=tuple(
                    c.model_copy(update={"duration": DurationRange(likely=c.duration.likely)})
                    for c in m.cases
                ),
            )
            for m in p.milestones
        )
        pathways[pid] = replace(p, milestones=milestones, risks=())
    return RulePack(pathways, pack.dirs, pack.designations, pack.ema)


def test_collapsed_ranges_give_the_deterministic_date_at_every_percentile(pack, profile) -> None:
    point = collapsed(pack)
    report = estimate(
        point,
        profile(
            designations=["rmat", "prime", "nmpa-breakthrough"],
            submissions={"EU": "2026-09-01", "CN": "2026-03-02"},
        ),
    )
    sim = simulate(report, 2000, seed=7)
    checked = 0
    for e in report.estimates:
        for m in e.milestones:
            q = sim.quantiles(e.pathway.id, m.id)
            assert q["p10"] == q["p50"] == q["p90"] == m.date, (e.pathway.id, m.id)
            checked += 1
    assert checked >= 40  # every milestone of the eight pathways


def test_a_fixed_seed_repeats_and_another_seed_differs() -> None:
    args = ["estimate", "-f", "json", "--trials", "3000", "-p", "ema-standard"]
    first = runner.invoke(app, [*args, "--seed", "11"]).stdout
    again = runner.invoke(app, [*args, "--seed", "11"]).stdout
    other = runner.invoke(app, [*args, "--seed", "12"]).stdout
    assert first == again
    assert first != other


def _risky_pack(tmp_path: Path, probability: float) -> RulePack:
    text = GOOD + (
        "risks:\n  - id: delay\n    name: Delay\n    probability: "
        f"{probability}\n    milestone: review\n    adds: 10 days\n    sources: src\n"
    )
    (tmp_path / "risky.yaml").write_text(text)
    return load_rules([tmp_path], builtin=False)


@pytest.mark.parametrize(("probability", "shift"), [(1.0, 10), (0.0, 0)])
def test_a_risk_event_shifts_every_trial_or_none(
    tmp_path: Path, profile, probability: float, shift: int
) -> None:
    # review = submission + 10 days = 11 Jun 2026; the risk adds 10 days to it (and so
    # to "done"). Certain, it is likelier than not, so the plan counts it too: every
    # trial is then the plan (21 Jun 2026); at 0 neither has it.
    pack = _risky_pack(tmp_path, probability)
    report = estimate(pack, profile(submission="2026-06-01"))
    sim = simulate(report, 1000, seed=3)
    e = report.estimates[0]
    review = next(m.date for m in e.milestones if m.id == "review")
    assert review == date(2026, 6, 11 + shift)
    for mid in ("review", "done"):
        expected = next(m.date for m in e.milestones if m.id == mid).toordinal()
        assert (sim.pathways["risky"].dates[mid] == expected).all()
    # A risk at probability 0 is left out altogether (not drawn, not listed).
    assert sim.pathways["risky"].risk_hits.get("delay", 0.0) == probability


def test_percentiles_are_ordered_and_every_trial_keeps_dependency_order(pack, profile) -> None:
    report = estimate(
        pack, profile(designations=["rmat", "prime", "nmpa-breakthrough"], orphan=False)
    )
    sim = simulate(report, 5000, seed=5, percentiles=(10, 25, 50, 75, 90))
    for e in report.estimates:
        if e.pathway.id not in sim.pathways:
            continue
        dates = sim.pathways[e.pathway.id].dates
        for m in e.milestones:
            q = list(sim.quantiles(e.pathway.id, m.id).values())
            assert q == sorted(q)
            for dep in m.after:
                assert (dates[m.id] >= dates[dep]).all(), (e.pathway.id, m.id, dep)
            if m.before and not any(r.milestone == m.id for r, _ in e.risks):
                assert (dates[m.id] <= dates[m.before]).all(), (e.pathway.id, m.id)
            elif m.before:
                # A risk on a step counted back from another takes it past that one
                # (FDA missing its goal date) in exactly the trials it hits.
                past = float((dates[m.id] > dates[m.before]).mean())
                hits = sim.pathways[e.pathway.id].risk_hits
                hit = sum(hits[r.id] for r, _ in e.risks if r.milestone == m.id)
                assert past > 0 and abs(past - hit) < 0.005, (e.pathway.id, m.id)


def _triangle_days(tmp_path: Path, profile, extra: str = "") -> tuple[np.ndarray, Report]:
    """Days the test pathway's review takes in 100,000 trials of a (10, 20, 40)-day
    triangle, with ``extra`` lines added to the range."""
    text = GOOD.replace(
        "    duration: 10 days\n",
        "    duration:\n      likely: 20 days\n      low: 10 days\n      high: 40 days\n"
        "      distribution: triangular\n" + extra,
    )
    (tmp_path / "tri.yaml").write_text(text)
    pack = load_rules([tmp_path], builtin=False)
    report = estimate(pack, profile(submission="2026-06-01"))
    sim = simulate(report, 100_000, seed=1)
    start = report.estimates[0].submission.toordinal()
    return sim.pathways["tri"].dates["review"] - start, report


def test_a_triangular_duration_matches_its_analytic_quantiles(tmp_path: Path, profile) -> None:
    # Triangular(a=10, c=20, b=40) days: F(c) = 1/3. Quantiles: p < 1/3: a + sqrt(p(b-a)(c-a));
    # else b - sqrt((1-p)(b-a)(b-c)). P10 = 10 + sqrt(30) = 15.48; P50 = 40 - sqrt(300)
    # = 22.68; P90 = 40 - sqrt(60) = 32.25. Draws are rounded to whole days, so each
    # percentile may differ by up to one day. (A PERT with the same three values has
    # P90 near 29 days: this test cannot pass with the wrong distribution.)
    days, _ = _triangle_days(tmp_path, profile)
    analytic = {10: 10 + math.sqrt(30), 50: 40 - math.sqrt(300), 90: 40 - math.sqrt(60)}
    for q, value in analytic.items():
        got = float(np.percentile(days, q, method="inverted_cdf"))
        assert abs(got - value) <= 1.0, (q, got, value)


def test_a_share_at_likely_takes_exactly_the_likely_duration(tmp_path: Path, profile) -> None:
    # at_likely 0.4 on a triangle (10, 20, 40) days: 40% of the trials take exactly 20
    # days; the other 60% follow the triangle, which gives exactly 20 (after rounding
    # to whole days, 19.5-20.5) in about 6.7% of draws (density 2 / 30 at the mode): so
    # about 40% + 60% x 6.7% = 44% at 20, and P10 stays in the triangle's lower part
    # (its 10/60 = 16.7% quantile, 10 + sqrt(0.167 x 300) = 17.1 days).
    days, report = _triangle_days(tmp_path, profile, "      at_likely: 0.4\n")
    assert abs(float((days == 20).mean()) - 0.44) < 0.01
    assert abs(float(np.percentile(days, 10, method="inverted_cdf")) - 17.1) <= 1.0
    assert days.min() >= 10 and days.max() <= 40
    # The plan is the likely value either way (1 Jun 2026 + 20 days), and a share
    # without a range is refused.
    review = next(m for m in report.estimates[0].milestones if m.id == "review")
    assert review.date == date(2026, 6, 21)
    bad = GOOD.replace(
        "    duration: 10 days\n", "    duration:\n      likely: 20 days\n      at_likely: 0.4\n"
    )
    (tmp_path / "tri.yaml").write_text(bad)
    with pytest.raises(InputError) as err:
        load_rules([tmp_path], builtin=False)
    assert "at_likely needs a range" in str(err.value)
    _triangle_days(tmp_path, profile)  # a good range again, then a share over 1
    text = (tmp_path / "tri.yaml").read_text()
    (tmp_path / "tri.yaml").write_text(
        text.replace(
            "      distribution: triangular\n",
            "      distribution: triangular\n      at_likely: 1.5\n",
        )
    )
    with pytest.raises(InputError) as err:
        load_rules([tmp_path], builtin=False)
    assert "at_likely" in str(err.value) and "less than 1" in str(err.value)


def test_probability_of_approval_by_a_date(pack, profile) -> None:
    report = estimate(pack, profile(), ["ema-prime"])
    sim = simulate(report, 5000, seed=9)
    ps = sim.pathways["ema-prime"]
    approval = next(m for m in report.estimates[0].milestones if m.kind == "approval").id
    dates = ps.dates[approval]
    from datetime import date

    probs = [ps.probability_by(approval, date(2027, m, 1)) for m in range(1, 13)]
    assert probs == sorted(probs) and probs[0] < probs[-1]
    day = date(2027, 6, 30)
    assert ps.probability_by(approval, day) == pytest.approx((dates <= day.toordinal()).mean())


def test_json_csv_and_table_carry_the_percentiles() -> None:
    data = json.loads(
        runner.invoke(
            app, ["estimate", "-f", "json", "--trials", "2000", "--approval-by", "2027-06-30"]
        ).stdout
    )
    for e in data["estimates"]:
        for m in e["milestones"]:
            assert {"p10", "p50", "p90"} <= set(m) and m["p10"] <= m["p50"] <= m["p90"]
    assert data["simulation"]["trials"] == 2000
    assert set(data["simulation"]["approval_by"]["probability"]) == {
        e["pathway"] for e in data["estimates"]
    }
    assert "accelerated-assessment-reverts" in data["simulation"]["risk_hit_rates"]["ema-prime"]
    rows = list(
        csv.DictReader(
            io.StringIO(
                runner.invoke(
                    app, ["estimate", "-f", "csv", "--trials", "500", "--percentiles", "20,50,80"]
                ).stdout
            )
        )
    )
    assert {"p20", "p50", "p80"} <= set(rows[0])
    table = runner.invoke(
        app, ["estimate", "-p", "ema-standard", "--trials", "2000", "--approval-by", "2027-12-31"]
    ).stdout
    assert "P10-P90" in table and "P(approval by 2027-12-31) ema-standard:" in table


def test_overrides_of_probabilities_and_ranges() -> None:
    def p90(*extra: str) -> str:
        out = json.loads(
            runner.invoke(
                app, ["estimate", "-f", "json", "--trials", "4000", "-p", "ema-prime", *extra]
            ).stdout
        )
        return out["estimates"][0]["milestones"][-1]["p90"]

    reverting = p90()
    never = p90("--set", "ema-prime.accelerated-assessment-reverts=0")
    assert never < reverting
    wide = p90(
        "--set",
        "ema-prime.accelerated-assessment-reverts=0",
        "--set",
        "ema-prime.day-120-clock-stop=1 month..1 month..6 months",
    )
    assert wide > never
    bad = runner.invoke(
        app, ["estimate", "--trials", "10", "--set", "ema-prime.accelerated-assessment-reverts=1.5"]
    )
    assert bad.exit_code == 1 and "is not a probability" in bad.stderr
    badrange = runner.invoke(
        app, ["estimate", "--set", "ema-prime.day-120-clock-stop=3 months..1 month..2 months"]
    )
    assert badrange.exit_code == 1 and "longer than likely" in badrange.stderr


def test_bad_simulation_options() -> None:
    assert runner.invoke(app, ["estimate", "--approval-by", "2027-01-01"]).exit_code == 2
    assert runner.invoke(app, ["estimate", "--trials", "-5"]).exit_code == 2
    bad = runner.invoke(app, ["estimate", "--trials", "10", "--percentiles", "0,50,120"])
    assert bad.exit_code == 1 and "percentiles" in bad.stderr


def test_sensitivity_ranks_a_further_round_first_for_ema_standard(pack, profile) -> None:
    e = estimate(pack, profile(submission="2026-09-01"), ["ema-standard"]).estimates[0]
    p50, rows = sensitivity(e, 3000, seed=4, ema=pack.ema)
    assert p50 is not None
    # A further round of outstanding issues (35%; 5-24 months, 8 likely, about 10 on
    # average) is the largest swing: from the plan's 15 Nov 2027 to about ten months
    # later (seeded: 14 Sep 2028, 304 days). An extended Day 120 clock stop (1-3
    # months more, 2 likely) moves the P50 by about two months, no
    # more: with the 3-month stop the Day 210 restart already waits out the August
    # break (no plenary), which the longer stop absorbs (see test_ema). Seeded: 57
    # days. So does each stop at its low or its high: those three swings are about
    # two months each, their order up to the draws. Then the Commission's 53-67 days.
    assert (rows[0].input, rows[0].kind) == ("further-rounds", "risk")
    assert 240 <= rows[0].swing_days <= 360
    assert {r.input for r in rows[1:4]} == {
        "extended-clock-stop",
        "day-120-clock-stop",
        "day-180-clock-stop",
    }
    assert all(45 <= r.swing_days <= 70 for r in rows[1:4])
    assert rows[4].input == "ec-decision" and rows[4].swing_days < 20
    assert [r.swing_days for r in rows] == sorted(
        (r.swing_days for r in rows), key=abs, reverse=True
    )
    out = json.loads(
        runner.invoke(
            app, ["sensitivity", "-p", "ema-prime", "-f", "json", "--trials", "2000"]
        ).stdout
    )
    assert any(
        i["input"] == "accelerated-assessment-reverts" and i["swing_days"] > 60
        for i in out["inputs"]
    )
    assert (
        "what moves the P50 approval"
        in runner.invoke(app, ["sensitivity", "-p", "fda-rmat"]).stdout
    )


def test_sampler_draws_whole_units_within_the_range() -> None:
    sampler = Sampler(10_000, 2)
    spec = DurationRange.model_validate(
        {"likely": "3 months", "low": "1 month", "high": "6 months"}
    )
    draws = sampler.amounts(spec)
    assert draws.dtype.kind == "i" and draws.min() >= 1 and draws.max() <= 6
    assert simulate_estimate is not None


def test_compare_with_trials_adds_spreads_and_probabilities() -> None:
    table = runner.invoke(
        app,
        [
            "compare",
            "-p",
            "fda-rmat",
            "-p",
            "ema-prime",
            "--trials",
            "3000",
            "--approval-by",
            "2027-06-30",
        ],
    )
    assert table.exit_code == 0, table.output
    assert "Approval P10 / P90" in table.stdout and "P(by 2027-06-30)" in table.stdout
    data = json.loads(runner.invoke(app, ["compare", "-f", "json", "--trials", "2000"]).stdout)
    assert data["simulation"]["trials"] == 2000 and "comparison" in data
    approval = data["estimates"][0]["milestones"][-1]
    assert approval["p10"] <= approval["p50"] <= approval["p90"]
    assert runner.invoke(app, ["compare", "--approval-by", "2027-01-01"]).exit_code == 2


def test_working_day_snaps_agree_between_engine_and_simulation() -> None:
    # Every day of 2026-2027 snapped one at a time (engine) and as an array (simulation),
    # on the US federal and the Japanese government calendars, both directions. Spot
    # checks: Sat 30 Jan 2027 -> Fri 29 Jan (US, before); Thu 31 Dec 2026 -> Mon 4 Jan
    # 2027 (JP, after: 29 Dec - 3 Jan closure).
    from datetime import date, timedelta

    import numpy as np

    from cgt_timeline.agency import snap, snap_array
    from cgt_timeline.calendars import calendar_for

    days = [date(2026, 1, 1) + timedelta(days=i) for i in range(730)]
    ordinals = np.array([d.toordinal() for d in days], dtype=np.int64)
    for code in ("US", "JP"):
        cal = calendar_for(code)
        for rule in ("working-day-on-or-before", "working-day-on-or-after"):
            one = [snap(rule, d, None, cal)[0].toordinal() for d in days]
            assert snap_array(rule, ordinals, None, cal).tolist() == one
    us, jp = calendar_for("US"), calendar_for("JP")
    assert snap("working-day-on-or-before", date(2027, 1, 30), None, us)[0] == date(2027, 1, 29)
    assert snap("working-day-on-or-after", date(2026, 12, 31), None, jp)[0] == date(2027, 1, 4)


@pytest.mark.parametrize(
    "eu", ["2017-11-06", "2018-09-17", "2019-06-20", "2020-12-01", "2024-07-15", "2027-03-30"]
)
def test_the_simulation_dates_every_ema_milestone_like_the_engine(pack, profile, eu) -> None:
    # With every range collapsed and no risks, each trial must reproduce the engine's
    # dates, including the restart slots, the Friday CAT steps and the weekday decision.
    point = collapsed(pack)
    report = estimate(point, profile(designations=["prime"], submissions={"EU": eu}))
    sim = simulate(report, 200, seed=3)
    for e in report.estimates:
        if e.pathway.jurisdiction != "EU":
            continue
        for m in e.milestones:
            q = sim.quantiles(e.pathway.id, m.id)
            assert q["p10"] == q["p90"] == m.date, (e.pathway.id, m.id, eu)


def test_a_reverted_accelerated_assessment_still_gives_its_opinion_at_a_plenary(
    pack, profile
) -> None:
    # EU filing 1 Sep 2026: the accelerated timetable puts the opinion on the 25 Mar
    # 2027 plenary (projected); the plan counts the reversion (likelier than not) and
    # puts it on 22 Jul 2027. Reversion adds 1-16 months, counted from plenary to
    # plenary: 25 Jun 2027 (a Friday, no CHMP) takes the nearest plenary, Thursday 24
    # Jun; 25 Aug (the August break) the 16 Sep one, 22 days away against 34 for 22
    # Jul. Every trial's opinion must be a CHMP plenary day.
    report = estimate(pack, profile(designations=["prime"], submissions={"EU": "2026-09-01"}))
    sim = simulate(report, 2000, seed=7)
    opinions = sim.pathways["ema-prime"].dates["chmp-opinion"]
    plenaries = set(report.ema.outcomes)
    prime = next(e for e in report.estimates if e.pathway.id == "ema-prime")
    plan = next(m for m in prime.milestones if m.id == "chmp-opinion")
    assert plan.date == date(2027, 7, 22)
    assert plan.risk_delays[0][2] == date(2027, 3, 25)
    assert all(int(o) in plenaries for o in opinions)
    # (The accelerated path itself varies: a 1-2 month clock stop, opinion in Mar-Apr.)
    # Reverted (75%) after at least a month: from the 22 Apr 2027 plenary on; the
    # accelerated path itself ends by 22 Apr (a 1-2 month stop).
    reverted = sim.pathways["ema-prime"].risk_hits["accelerated-assessment-reverts"]
    assert 0.7 < reverted < 0.8
    late = opinions >= date(2027, 6, 24).toordinal()
    assert 0.6 < late.mean() < reverted
    # At most 16 months after the 22 Apr 2027 plenary: 22 Aug 2028, in the August
    # break, so the nearest plenary, in July or September 2028.
    assert (opinions <= date(2028, 9, 30).toordinal()).all()
    assert (opinions > date(2028, 2, 24).toordinal()).any()  # past the old 10-month end
    assert (opinions == date(2027, 6, 24).toordinal()).any()  # nearest, not the next
    assert (opinions == date(2027, 9, 16).toordinal()).any()


def test_every_estimate_names_the_risk_events_its_dates_leave_out() -> None:
    # The rule gives reversion of accelerated assessment a 75% chance of 1-16 months (4
    # likely): likelier than not, so ema-prime's plan counts it (opinion 22 Jul 2027,
    # decision 20 Sep, test_ema) and says what happens if it does not (24 May 2027).
    # --set changes the odds: at 30% the plan leaves it out (decision 24 May) and names
    # the approval if it happens: opinion 25 Mar 2027 + 4 months = 25 Jul, on the
    # plenary nearest it, 22 Jul (3 days; 16 Sep is 53); decision 22 Jul + 59 days =
    # Sunday 19 Sep -> Monday 20 Sep 2027. JSON lists the risk with the probability in
    # force and its sources in the sources map.
    table = runner.invoke(app, ["estimate", "-p", "ema-prime", "-p", "ema-standard"]).stdout
    prime_part, standard_part = table.split("\nema-standard: ")
    flat = " ".join(prime_part.split())
    assert (
        "In these dates, as likelier than not: accelerated assessment reverts to the "
        "210-day timetable (75%; +4 months of 1 month to 16 months; if it does not, "
        "approval 2027-05-24). Run with --trials to weigh them." in flat
    )
    assert "extended clock stop" not in flat  # ema-prime removes that risk
    assert "an extended clock stop to answer the Day 120 questions (42%;" in " ".join(
        standard_part.split()
    )
    data = json.loads(
        runner.invoke(
            app,
            [
                "estimate",
                "-p",
                "ema-prime",
                "-p",
                "ema-standard",
                "-f",
                "json",
                "--set",
                "ema-prime.accelerated-assessment-reverts=0.3",
            ],
        ).stdout
    )
    prime = next(e for e in data["estimates"] if e["pathway"] == "ema-prime")
    (risk,) = prime["risks"]
    assert (risk["id"], risk["milestone"], risk["probability"]) == (
        "accelerated-assessment-reverts",
        "chmp-opinion",
        0.3,
    )
    assert risk["adds"] == {"low": "1 month", "likely": "4 months", "high": "16 months"}
    assert prime["approval"] == "2027-05-24" and risk["in_plan"] is False
    assert risk["approval_if_it_happens"] == "2027-09-20"
    assert risk["approval_if_it_does_not"] == "2027-05-24"
    plain = runner.invoke(app, ["estimate", "-p", "ema-prime", "-f", "json"]).stdout
    (counted,) = json.loads(plain)["estimates"][0]["risks"]
    assert counted["in_plan"] is True and counted["probability"] == 0.75
    assert (counted["approval_if_it_happens"], counted["approval_if_it_does_not"]) == (
        "2027-09-20",
        "2027-05-24",
    )
    opinion = next(
        m for m in json.loads(plain)["estimates"][0]["milestones"] if m["id"] == "chmp-opinion"
    )
    assert opinion["includes_risks"] == [
        {"risk": "accelerated-assessment-reverts", "adds": "4 months", "from": "2027-03-25"}
    ]
    assert "aa-reversions-2019" in risk["sources"]
    for e in data["estimates"]:
        for r in e["risks"]:
            assert set(r["sources"]) <= set(e["sources"]), (e["pathway"], r["id"])
    standard = next(e for e in data["estimates"] if e["pathway"] == "ema-standard")
    assert [r["id"] for r in standard["risks"]] == ["extended-clock-stop", "further-rounds"]
    assert standard["risks"][0]["probability"] == 0.42
    # A further round (35%, + 8 months likely) on the Day 180 restart, 18 Aug 2027 as
    # placed: 18 Apr 2028, the restart slot nearest it 19 Apr (the 18 May 2028 plenary,
    # projected from 21 May 2026, - 29 days); opinion 18 May; + 59 days = Sunday 16 Jul
    # -> Monday 17 Jul 2028. Left out of the plan (15 Nov 2027).
    further = standard["risks"][1]
    assert (further["probability"], further["in_plan"]) == (0.35, False)
    assert (further["approval_if_it_happens"], further["approval_if_it_does_not"]) == (
        "2028-07-17",
        "2027-11-15",
    )
    # Restart 26 Apr 2027 + 2 months = 26 Jun; the nearest restart slot after 26 Apr is
    # 19 Jul (16 Sep plenary - 59; 24 May is 33 days off); Day 180 16 Sep; 1-month stop
    # to 16 Oct, slot 13 Oct; opinion 11 Nov; + 59 = Sunday 9 Jan 2028 -> Monday 10 Jan.
    assert standard["risks"][0]["approval_if_it_happens"] == "2028-01-10"
    simulated = runner.invoke(
        app, ["estimate", "-p", "fda-rmat", "--trials", "200", "--percentiles", "5,50,95"]
    ).stdout
    # Goal 31 Jan 2027 + 3 months = 30 Apr 2027 (a Friday): the approval if amended.
    assert "(25%; +3 months; at 3 months, approval 2027-04-30)" in " ".join(simulated.split())
    md = runner.invoke(app, ["estimate", "-p", "nmpa-breakthrough", "-f", "markdown"]).stdout
    assert "Not in these dates: inspection, testing or a further round" in md


def test_a_risk_leaves_the_note_and_the_draws_when_its_step_is_recorded_or_set(
    tmp_path: Path,
) -> None:
    # A recorded opinion (actuals) has nothing left to delay: no reversion in the note,
    # and every trial keeps the recorded day. A Day 120 stop set by hand (6 months, the
    # cap) is not extended again by the 42% risk, unless its odds are set as well; the
    # further round after Day 180, on a step not set, stays.
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: P\nmodality: cell\nserious_condition: true\nunmet_medical_need: true\n"
        "preliminary_clinical_evidence: true\ndesignations: [prime]\n"
        "submission: 2026-09-01\nactuals: {EU: {chmp-opinion: 2027-03-25}}\n"
    )
    out = runner.invoke(app, ["estimate", str(path), "-p", "ema-prime", "--trials", "500"])
    assert out.exit_code == 0, out.output
    assert "accelerated assessment reverts" not in out.stdout
    data = json.loads(
        runner.invoke(
            app, ["estimate", str(path), "-p", "ema-prime", "-f", "json", "--trials", "500"]
        ).stdout
    )
    assert data["estimates"][0]["risks"] == []
    opinion = next(m for m in data["estimates"][0]["milestones"] if m["id"] == "chmp-opinion")
    assert opinion["p10"] == opinion["p90"] == "2027-03-25"

    def standard_risks(*extra: str) -> list[str]:
        result = runner.invoke(app, ["estimate", "-p", "ema-standard", "-f", "json", *extra])
        return [r["id"] for r in json.loads(result.stdout)["estimates"][0]["risks"]]

    assert standard_risks() == ["extended-clock-stop", "further-rounds"]
    assert standard_risks("--set", "ema-standard.day-120-clock-stop=6months") == ["further-rounds"]
    assert standard_risks(
        "--set",
        "ema-standard.day-120-clock-stop=4months",
        "--set",
        "ema-standard.extended-clock-stop=0.5",
    ) == ["extended-clock-stop", "further-rounds"]


def test_the_library_simulation_uses_the_odds_the_estimate_was_given(pack, profile) -> None:
    # estimate(probabilities=...) is the one place odds are set; simulate() follows it.
    report = estimate(
        pack,
        profile(designations=["prime"], submissions={"EU": "2026-09-01"}),
        ["ema-prime"],
        probabilities={"ema-prime": {"accelerated-assessment-reverts": 0.0}},
    )
    sim = simulate(report, 1000, seed=5)
    assert "accelerated-assessment-reverts" not in sim.pathways["ema-prime"].risk_hits
    assert report.estimates[0].risks == ()  # odds 0: left out, not drawn
    q = sim.quantiles("ema-prime", "chmp-opinion")
    assert q["p90"] <= date(2027, 4, 22)  # the accelerated path only


def test_a_risk_that_cannot_happen_does_not_need_the_calendar(tmp_path: Path, profile) -> None:
    # Two 20-year delays on plenary steps, from a 2100 filing, run past the EMA
    # calendar (to about 2130); with probability 0 no trial takes them, so nothing is
    # placed there and the run ends. At even odds some trials do, and the error names
    # the risk and how to leave it out; certain, the plan counts them and says so.
    text = (
        "extends: ema-prime\nname: Slow\nchecked_on: 2026-11-26\nrisks:\n"
        "  - {id: early, name: Early, probability: 0.0, milestone: day-120-clock-stop,"
        " adds: 20 years, sources: calibration-ema}\n"
        "  - {id: huge, name: Huge, probability: 0.0, milestone: chmp-opinion,"
        " adds: 20 years, sources: calibration-ema}\n"
    )
    (tmp_path / "ema-slow.yaml").write_text(text)
    pack = load_rules([tmp_path])
    late = profile(designations=["prime"], submissions={"EU": "2100-12-01"})
    report = estimate(pack, late, ["ema-slow"])
    assert "huge" not in simulate(report, 200, seed=1).pathways["ema-slow"].risk_hits
    assert [r.id for r, _ in report.estimates[0].risks] == ["accelerated-assessment-reverts"]
    even = estimate(
        pack, late, ["ema-slow"], probabilities={"ema-slow": {"early": 0.5, "huge": 0.5}}
    )

    with pytest.raises(InputError) as err:
        simulate(even, 200, seed=1)
    assert "ema-slow.huge (a simulated trial)" in str(err.value)
    assert "--set ema-slow.huge=0 to leave this risk out" in str(err.value)
    with pytest.raises(InputError) as err:
        estimate(pack, late, ["ema-slow"], probabilities={"ema-slow": {"early": 1.0, "huge": 1.0}})
    assert "ema-slow.huge (counted in the plan as likelier than not)" in str(err.value)
    assert "--set ema-slow.huge=0.5 or lower to leave this risk out of the plan" in str(err.value)


def test_names_from_rule_files_and_profiles_are_text_not_markup(tmp_path: Path) -> None:
    # "[/b]" in a Rich string is a closing tag: printed as text it must stay as written.
    (tmp_path / "fda-standard.yaml").write_text(
        (builtin_rules_dir() / "fda-standard.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "name: A major amendment in the last 3 months extends the PDUFA goal by 3 months",
            "name: Answers late [/b] [see note]",
        )
    )
    for args in (
        ["estimate", "-p", "fda-rmat", "--rules", str(tmp_path)],
        ["estimate", "-p", "fda-rmat", "--set", "name=Drug [bold]X[/bold] [/b]"],
        ["compare", "-p", "fda-rmat", "--set", "name=Drug [/b]"],
        ["pathways", "show", "fda-standard", "--rules", str(tmp_path)],
        ["pathways", "list", "--rules", str(tmp_path)],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
    out = runner.invoke(app, ["estimate", "-p", "fda-rmat", "--rules", str(tmp_path)]).stdout
    assert "answers late [/b] [see note] (25%" in " ".join(out.split())
    named = runner.invoke(app, ["estimate", "-p", "fda-rmat", "--set", "name=Drug [/b] X"])
    assert "Approval estimates: Drug [/b] X" in named.stdout


def test_a_risk_named_with_an_acronym_keeps_its_capitals(pack) -> None:
    from cgt_timeline.render.text import _lower_first

    assert _lower_first("A major amendment") == "a major amendment"
    assert _lower_first("CDE asks again") == "CDE asks again"
    assert _lower_first("Inspection, testing") == "inspection, testing"


def test_the_approval_if_a_risk_happens_is_worked_out_alone_and_only_when_asked(
    pack, profile
) -> None:
    # NMPA breakthrough, CN filing Mon 2 Mar 2026 (the built-in example): the plan's
    # approval is 30 Mar 2027; "past the clock" adds 4 months (likely) to the technical
    # review's end, and the approval decision follows 20 working days later.
    prof = profile(designations=["nmpa-breakthrough"], submissions={"CN": "2026-03-02"})
    report = estimate(pack, prof, ["nmpa-breakthrough"])
    e = report.estimates[0]
    assert e.approval == date(2027, 3, 30)
    review = next(m for m in e.milestones if m.id == "review-complete")
    delayed = estimate_pathway(
        e.pathway, prof, None, pack.ema, probabilities={"review-past-the-clock": 1.0}
    )
    moved = next(m for m in delayed.milestones if m.id == "review-complete")
    from dateutil.relativedelta import relativedelta

    assert moved.date == review.date + relativedelta(months=4)
    assert e.approval_if == {"review-past-the-clock": delayed.approval}
    assert e.approval_unless == {"review-past-the-clock": e.approval}  # an even chance: out
    assert delayed.approval is not None and delayed.approval > e.approval
    # Portfolios skip the extra estimates.
    quiet = estimate(pack, prof, ["nmpa-breakthrough"], risk_dates=False).estimates[0]
    assert quiet.approval_if == {} and quiet.approval == e.approval


def test_a_risk_date_past_the_calendar_is_left_blank_not_an_error(tmp_path: Path) -> None:
    # EU filing 2100 with the procedure start and Day 120 pushed ten years each (--set):
    # the plan (2121) is on the calendar; a 20-year delay of the opinion would not be
    # (about 2141, past 2130). The estimate still runs; that risk shows no date.
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "ema-slow.yaml").write_text(
        "extends: ema-prime\nname: Slow\nchecked_on: 2026-11-26\nrisks:\n"
        "  - {id: huge, name: Huge, probability: 0.5, milestone: chmp-opinion,"
        " adds: 20 years, sources: calibration-ema}\n"
    )
    profile_path = tmp_path / "p.yaml"
    profile_path.write_text(
        "name: P\nmodality: cell\nserious_condition: true\nunmet_medical_need: true\n"
        "preliminary_clinical_evidence: true\nsubmissions: {EU: 2100-06-01}\n"
    )
    args = [
        "estimate",
        str(profile_path),
        "-p",
        "ema-slow",
        "--rules",
        str(rules),
        "--set",
        "ema-slow.procedure-start=120months",
        "--set",
        "ema-slow.day-120-list-of-questions=120months",
    ]
    result = runner.invoke(app, [*args, "-f", "json"])
    assert result.exit_code == 0, result.output
    risks = {r["id"]: r for r in json.loads(result.stdout)["estimates"][0]["risks"]}
    assert risks["huge"]["approval_if_it_happens"] is None
    assert risks["accelerated-assessment-reverts"]["approval_if_it_happens"] is not None
    table = " ".join(runner.invoke(app, args).stdout.split())
    assert "huge (50%, an even chance; +20 years)" in table


def _one_sure_risk(pack: RulePack, pid: str, risk_id: str) -> RulePack:
    """Ranges collapsed; one risk kept, certain and at its likely size."""
    point = collapsed(pack)
    risk = next(r for r in pack[pid].risks if r.id == risk_id)
    sure = risk.model_copy(
        update={"probability": 1.0, "adds": DurationRange(likely=risk.adds.likely)}
    )
    pathways = dict(point.pathways)
    pathways[pid] = replace(point[pid], risks=(sure,))
    return RulePack(pathways, pack.dirs, pack.designations, pack.ema)


@pytest.mark.parametrize(
    ("pid", "risk_id", "field"),
    [
        ("ema-prime", "accelerated-assessment-reverts", "EU"),
        ("ema-standard", "extended-clock-stop", "EU"),
        ("fda-rmat", "major-amendment", "US"),
        ("nmpa-breakthrough", "review-past-the-clock", "CN"),
    ],
)
def test_the_approval_if_a_risk_happens_is_what_the_simulation_gives_when_it_does(
    pack, profile, pid: str, risk_id: str, field: str
) -> None:
    # Every range at its likely value and the risk certain at its likely size: each
    # trial is then the one scenario, and must land on the same day as approval_if
    # (same calendars, same nearest-plenary rule), for filings across two years.
    sure = _one_sure_risk(pack, pid, risk_id)
    designations = ["rmat", "prime", "nmpa-breakthrough"]
    for month in range(1, 25, 2):
        day = date(2025 + (month - 1) // 12, (month - 1) % 12 + 1, 1 + month % 27)
        prof = profile(designations=designations, submissions={field: day.isoformat()})
        expected = estimate(pack, prof, [pid]).estimates[0].approval_if[risk_id]
        report = estimate(sure, prof, [pid])
        e = report.estimates[0]
        approval = next(m.id for m in e.milestones if m.kind == "approval")
        sim = simulate(report, 20, seed=2)
        assert sim.quantiles(pid, approval)["p50"] == expected, (pid, day)


def test_a_risk_the_approval_no_longer_waits_on_is_left_out(tmp_path: Path) -> None:
    # The Day 180 list is recorded (actuals): whatever the Day 120 stop did is behind
    # it, so the extended-clock-stop risk can move nothing and is not listed or drawn;
    # a further round after the list is still ahead.
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: P\nmodality: cell\nserious_condition: true\nunmet_medical_need: true\n"
        "preliminary_clinical_evidence: true\nsubmission: 2026-09-01\n"
        "actuals: {EU: {day-180-list-of-outstanding-issues: 2027-06-24}}\n"
    )
    data = json.loads(
        runner.invoke(app, ["estimate", str(path), "-p", "ema-standard", "-f", "json"]).stdout
    )
    assert [r["id"] for r in data["estimates"][0]["risks"]] == ["further-rounds"]
    out = runner.invoke(app, ["estimate", str(path), "-p", "ema-standard", "--trials", "300"])
    assert "extended clock stop" not in out.stdout


def test_a_risk_on_the_submission_moves_the_dates_in_both_engines(tmp_path: Path, profile) -> None:
    # A late-filing risk (+2 months on the MAA) in a user's pathway, certain: the plan
    # counts it (the submission then is an estimate, 1 Nov 2026) and the simulation
    # (ranges collapsed) agrees; without it the approval is earlier.
    (tmp_path / "ema-late.yaml").write_text(
        "extends: ema-standard\nname: Late\nchecked_on: 2026-11-26\n"
        "remove_risks: [extended-clock-stop]\nrisks:\n"
        "  - {id: late-filing, name: Late filing, probability: 1.0, milestone: maa-submission,"
        " adds: 2 months, sources: calibration-ema}\n"
    )
    pack = collapsed(load_rules([tmp_path]))
    pack = RulePack(
        {
            **pack.pathways,
            "ema-late": replace(pack["ema-late"], risks=load_rules([tmp_path])["ema-late"].risks),
        },
        pack.dirs,
        pack.designations,
        pack.ema,
    )
    report = estimate(pack, profile(submissions={"EU": "2026-09-01"}), ["ema-late"])
    e = report.estimates[0]
    earlier = e.approval_unless["late-filing"]
    assert e.approval_if["late-filing"] == e.approval
    assert earlier is not None and e.approval is not None and earlier < e.approval
    maa = next(m for m in e.milestones if m.id == "maa-submission")
    assert (maa.date, maa.basis) == (date(2026, 11, 1), "estimated")
    assert e.submission == date(2026, 9, 1)  # the profile's: days to approval count from it
    assert simulate(report, 20, seed=1).quantiles("ema-late", "ec-decision")["p50"] == e.approval


def test_a_risk_the_approval_is_not_counted_from_is_refused(tmp_path: Path) -> None:
    # The accelerated-assessment request is counted back from the MAA: nothing after it
    # is counted from it, so a delay there could not move the approval.
    (tmp_path / "ema-x.yaml").write_text(
        "extends: ema-prime\nname: X\nchecked_on: 2026-11-26\nrisks:\n"
        "  - {id: slow-request, name: Slow, probability: 0.5,"
        " milestone: accelerated-assessment-request, adds: 1 month, sources: calibration-ema}\n"
    )

    with pytest.raises(InputError) as err:
        load_rules([tmp_path])
    assert (
        'risk "slow-request" is on "accelerated-assessment-request", which the approval is '
        "not counted from: it could not move the approval" in str(err.value)
    )
    assert "ema-x.yaml" in str(err.value)
