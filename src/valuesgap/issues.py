"""The UNGA issue codes of Voeten's roll-call data and what each covers: the one list in the code base.

It sits at the bottom of the layers because the source readers need the codes (columns of the data
files) as much as the analysis does; :mod:`valuesgap.analysis.selection` is the checked way to use them.
"""

from __future__ import annotations

ISSUE_LABELS = {
    "me": "Palestinian conflict",
    "nu": "nuclear weapons and material",
    "di": "arms control and disarmament",
    "hr": "human rights",
    "co": "colonialism",
    "ec": "economic development",
}
ISSUE_CODES = tuple(ISSUE_LABELS)
