"""A local model orchestrator speaking the real protocol (SPEC §8) and the real model
runtime, one `model-runner` process per model, so dev mode and the tests drive the real
model-runner-client against what participants' models run in in production."""
