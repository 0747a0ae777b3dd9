"""Example models. `EXAMPLE_MODELS` is what `coordinator-node dev` hosts on local model nodes."""

EXAMPLE_MODELS = [
    "example_crunch.models.momentum:MomentumTracker",
    "example_crunch.models.mean_reversion:MeanReversionTracker",
    "example_crunch.models.contrarian:ContrarianTracker",
]
