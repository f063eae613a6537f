"""Notebook 03: Chinese-built public-security systems in Latin America.

Deployments, a scale comparison with qualifiers, claims labelled with their claimant,
and the assessment (criterion ratings x student weights -> score and ranking).

The assessment criteria are fixed and ordered; ``dsrlab.check_params(weights=...)``
validates a ``weights`` dict against :data:`CRITERIA`.
"""

__all__ = ["CRITERIA", "DEFAULT_WEIGHTS", "WEIGHT_RANGE"]

#: Assessment criteria, in display order. Each deployment is rated on every criterion
#: (0 = worst, 4 = best, from the point of view of a citizen judging the contract).
CRITERIA: tuple[str, ...] = (
    "public_safety_benefit",
    "contract_transparency",
    "legal_safeguards",
    "data_location_jurisdiction",
    "scope_creep",
)

#: Weight of each criterion when a student has not chosen (equal weights). A ``weights``
#: dict may give any subset of the criteria; missing ones keep these defaults.
DEFAULT_WEIGHTS: dict[str, float] = dict.fromkeys(CRITERIA, 1.0)

#: Allowed range of a weight (inclusive); sliders use the same range.
WEIGHT_RANGE: tuple[float, float] = (0.0, 5.0)
