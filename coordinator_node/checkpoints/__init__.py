"""Emission checkpoints: ranking a period, the frac64 emission, and the lifecycle messages."""
