"""One rule engine for every rule-based check: see :mod:`affectkit.rules.engine`; language data in ``lang/``."""

from affectkit.rules.engine import GroupProperties, Hit, RuleBook, clause_start, negated, quoted_spans, sentence_spans

__all__ = ["GroupProperties", "Hit", "RuleBook", "clause_start", "negated", "quoted_spans", "sentence_spans"]
