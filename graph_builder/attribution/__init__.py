"""Stage 6: who said it. Each claim's speaker, the basis for it and its evidence
(``stage``), read from headnotes (``headnotes``), the words around quotations
inside a claim (``inner_quotes``) and works that hold their subject's words
(``work_subject``), in the vocabulary of saying of ``speech``."""

from graph_builder.attribution.stage import attribute_claims

__all__ = ["attribute_claims"]
