"""cgt-timeline: when can a cell or gene therapy be approved, pathway by pathway.

The library API (the same one the command line uses)::

    from cgt_timeline import compare, estimate, load_profile, load_rules

    pack = load_rules()                      # shipped rules (+ extra folders)
    loaded = load_profile("profile.yaml", pack)
    report = estimate(pack, loaded.profile, ["fda-rmat"], loaded.overrides,
                      probabilities=loaded.probabilities)   # risk odds the profile set
    print(report.estimates[0].approval)      # a datetime.date
    data = report.to_dict()                  # the JSON output contract
    best = compare(pack, loaded.profile).earliest   # earliest eligible approval
"""

from __future__ import annotations

__version__ = "0.1.0"

from .engine import (
    BaselineComparison,
    Comparison,
    DatedMilestone,
    Estimate,
    JurisdictionComparison,
    Report,
    compare,
    estimate,
    estimate_pathway,
)
from .errors import CgtError, InputError, Problem
from .output import report_dict
from .profiles import LoadedProfile, load_profile
from .rulepack import RulePack, load_rules

__all__ = [
    "BaselineComparison",
    "CgtError",
    "Comparison",
    "DatedMilestone",
    "Estimate",
    "InputError",
    "JurisdictionComparison",
    "LoadedProfile",
    "Problem",
    "Report",
    "RulePack",
    "__version__",
    "compare",
    "estimate",
    "estimate_pathway",
    "load_profile",
    "load_rules",
    "report_dict",
]
