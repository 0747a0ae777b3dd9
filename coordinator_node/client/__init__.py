"""The Temporal client layer: everything that starts or talks to workflows from outside them
(the worker's start-up, the API, the CLI). Each workflow input is built in `inputs`."""
