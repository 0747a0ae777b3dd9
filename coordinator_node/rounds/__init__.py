"""Prediction rounds: configs, output validation, scoring, snapshots and the leaderboard."""
