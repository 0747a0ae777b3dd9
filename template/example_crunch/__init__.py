"""example_crunch: the example competition that `coordinator-node init-workspace` copies."""
