"""The view: one network projection of the graph, its measures, and the focused view."""
