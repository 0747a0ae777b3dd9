"""A local model orchestrator and model nodes speaking the real protocol (SPEC §8), so dev
mode and the tests drive the real model-runner-client end to end."""
