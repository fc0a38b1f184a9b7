"""Is the quote genuine? Each quotation checked against the corpus's copy of the work it cites.

``tokens`` reads a text as normalised words with their offsets, ``index`` keeps a
source document's rare word n-grams, ``align`` finds a quotation there and aligns it
word by word, ``verdict`` says what the alignment shows, ``edition`` compares the
cited edition with the corpus copy, and ``stage`` runs it all for a build.
"""

from graph_builder.verify.check import VERDICTS, QuoteCheck
from graph_builder.verify.stage import check_quotations

__all__ = ["VERDICTS", "QuoteCheck", "check_quotations"]
