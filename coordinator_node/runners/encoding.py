"""Values on the wire, as model-runner-client and the model nodes encode them (`Variant`s).

One place for the encoding, so the client runner, the local model nodes and the in-process
runner hand models exactly the same values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from model_runner_client.grpc.generated.commons_pb2 import Argument, Variant, VariantType
from model_runner_client.utils.datatype_transformer import (
    decode_data,
    detect_data_type,
    encode_data,
)

from coordinator_node.contract import ArgType
from coordinator_node.runners.base import Arg

VARIANT_TYPES = {ArgType.STRING: VariantType.STRING, ArgType.INT: VariantType.INT,
                 ArgType.DOUBLE: VariantType.DOUBLE, ArgType.JSON: VariantType.JSON}


def variant(arg: Arg) -> Variant:
    """`arg` as its declared wire type."""
    kind = VARIANT_TYPES[arg.type]
    return Variant(type=kind, value=encode_data(kind, arg.value))


def result_variant(value: Any) -> Variant:
    """A model's answer, typed from its value (as the model nodes do)."""
    kind = detect_data_type(value)
    return Variant(type=kind, value=encode_data(kind, value))


def decoded(data: Variant) -> Any:
    return decode_data(data.value, data.type)


def arguments(args: Sequence[Arg]) -> list[Argument]:
    """Positional arguments numbered from 1, as the old engine sent them (nodes sort by
    position, so only the order matters)."""
    return [Argument(position=i, data=variant(arg)) for i, arg in enumerate(args, start=1)]


def positional(request_args: Iterable[Argument]) -> list[Any]:
    """Decoded positional arguments, in position order."""
    return [decoded(a.data) for a in sorted(request_args, key=lambda a: a.position)]
