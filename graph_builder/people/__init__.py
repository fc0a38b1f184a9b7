"""People: names, mentions in prose, biographical notes and life dates, and their resolution."""
