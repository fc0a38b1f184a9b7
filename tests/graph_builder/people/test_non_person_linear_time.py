"""The patterns of the non-person rules run in linear time, timed as the audit of
``tests/graph_builder/test_linear_time.py`` times the text stages' patterns (its list of
modules is not this helper's to edit, so these two are audited here with its tools)."""

from __future__ import annotations

import re

import pytest

from graph_builder.people import non_person_words, work_context
from tests.graph_builder.test_linear_time import FACTOR, TEXTS, growth

# patterns the code only ever tries at one position (``match``), as the audit reads them
_ANCHORED = {"_ADJECTIVE_RE", "_ABSTRACT_RE", "_DECLINED_RE", "_GERMANIC_ADJECTIVE_RE",
             "_ACRONYM_RE", "_PLACE_TAIL_RE", "_PUBLISHER_TAIL_RE"}
PATTERNS = {f"{module.__name__.rsplit('.', 1)[1]}.{name}": (value, name in _ANCHORED)
            for module in (non_person_words, work_context)
            for name, value in vars(module).items() if isinstance(value, re.Pattern)}


def test_the_rules_have_patterns_to_audit():
    assert len(PATTERNS) >= 9


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_non_person_pattern_is_linear(name):
    pattern, anchored = PATTERNS[name]
    slow = []
    for key in TEXTS[0]:
        found = growth(pattern, [texts[key] for texts in TEXTS], anchored)
        if found:
            chars, t_small, t_large, bound = found
            slow.append(f"{key}: {t_small * 1e3:.2f} ms at {chars:,} chars, "
                        f"{t_large * 1e3:.1f} ms at {chars * FACTOR:,} (bound {bound * 1e3:.1f})")
    assert not slow, f"{name} grows faster than linear: {slow}"
