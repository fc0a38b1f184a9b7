"""``python -m graph_builder`` runs the claimgraph command."""

from graph_builder.cli import main

main()
