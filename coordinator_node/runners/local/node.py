"""A model node: a gRPC `DynamicSubclassService` (+ grpc.health.v1) hosting one model class.

`Setup(className)` names the competition's base class; the node instantiates its configured
model, which must subclass it. `Call(method, args, kwargs)` runs the method with decoded
Variant arguments (positional ones in position order: the coordinator sends only those, so
a model's parameter names are its own) and answers the encoded result, or FAILED with the
exception.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
from typing import Any

import grpc
from google.protobuf import empty_pb2
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from model_runner_client.grpc.generated import dynamic_subclass_pb2_grpc
from model_runner_client.grpc.generated.commons_pb2 import Status
from model_runner_client.grpc.generated.dynamic_subclass_pb2 import (
    CallRequest,
    CallResponse,
    RestResponse,
    SetupRequest,
    SetupResponse,
)

from coordinator_node.runners.encoding import decoded, positional, result_variant

log = logging.getLogger("coordinator_node.runners.local.node")


def import_object(path: str) -> Any:
    """`package.module:Name` or `package.module.Name`."""
    module_name, _, attr = path.partition(":") if ":" in path else path.rpartition(".")
    return getattr(importlib.import_module(module_name), attr)


class ModelNodeService(dynamic_subclass_pb2_grpc.DynamicSubclassServiceServicer):
    def __init__(self, model_path: str) -> None:
        self.model_path = model_path
        self.instance: Any = None

    async def Setup(self, request: SetupRequest, context: Any) -> SetupResponse:
        try:
            base = import_object(request.className)
            model_class = import_object(self.model_path)
        except Exception as exc:
            return SetupResponse(status=Status(code="INVALID_ARGUMENT", message=repr(exc)))
        if not (isinstance(model_class, type) and issubclass(model_class, base)):
            return SetupResponse(status=Status(
                code="BAD_IMPLEMENTATION",
                message=f"{self.model_path} does not subclass {request.className}"))
        try:
            self.instance = model_class()
        except Exception as exc:
            return SetupResponse(status=Status(code="BAD_IMPLEMENTATION", message=repr(exc)))
        return SetupResponse(status=Status(code="SUCCESS"))

    async def Call(self, request: CallRequest, context: Any) -> CallResponse:
        if self.instance is None:
            return CallResponse(status=Status(code="FAILED_PRECONDITION", message="no Setup"))
        try:
            method = getattr(self.instance, request.methodName)
            args = positional(request.methodArguments)
            kwargs = {k.keyword: decoded(k.data) for k in request.methodKwArguments}
            result = await asyncio.to_thread(method, *args, **kwargs)
            return CallResponse(status=Status(code="SUCCESS"),
                                methodResponse=result_variant(result))
        except Exception as exc:
            log.info("model %s: %s raised %r", self.model_path, request.methodName, exc)
            reason = f"{type(exc).__name__}: {exc}"
            return CallResponse(status=Status(code="FAILED", message=reason))

    async def Rest(self, request: empty_pb2.Empty, context: Any) -> RestResponse:
        return RestResponse(status=Status(code="SUCCESS"))


async def start_node(model_path: str, host: str = "127.0.0.1", port: int = 0) -> tuple[Any, int]:
    """Start a node; returns (server, bound port)."""
    server = grpc.aio.server()
    dynamic_subclass_pb2_grpc.add_DynamicSubclassServiceServicer_to_server(
        ModelNodeService(model_path), server)
    health_servicer = health.aio.HealthServicer()
    await health_servicer.set("", health_pb2.HealthCheckResponse.SERVING)
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    bound = server.add_insecure_port(f"{host}:{port}")
    await server.start()
    return server, bound
