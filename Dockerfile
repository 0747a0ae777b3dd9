# The coordinator node: one image for every role (worker, api, migrate, search-attributes,
# and the local model orchestrator), chosen by the command. See docker-compose.yml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Only what the package build needs (README is the package's long description; template/
# goes into the wheel for `init-workspace`).
WORKDIR /build
COPY pyproject.toml README.md requirements-models.txt ./
COPY coordinator_node ./coordinator_node
COPY template ./template
# The model runtime (crunch-model-runner, which serves each of LOCAL_MODELS in the `models`
# service) in a virtualenv of its own: its protobuf pin conflicts with the node's.
RUN pip install . \
    && python -m venv /opt/model-runtime \
    && /opt/model-runtime/bin/pip install -r requirements-models.txt \
    && rm -rf /build
ENV LOCAL_MODEL_RUNNER=/opt/model-runtime/bin/model-runner

# The competition the node runs: the example one unless a volume replaces /competition
# (docker-compose.yml mounts COMPETITION_DIR there). A competition with dependencies of its
# own: build FROM this image and `pip install` it instead.
COPY template /competition
ENV PYTHONPATH=/competition

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin coordinator
USER coordinator
WORKDIR /home/coordinator

EXPOSE 8000 9091
ENTRYPOINT ["coordinator-node"]
CMD ["--help"]
