"""A small HTTP inference server with an Anthropic-style Messages API.

Sprint 6 state: the HTTP layer, model registry, CORS and graceful shutdown
are in place; inference itself is not built yet, so ``POST /v1/messages``
answers ``501 Not Implemented`` (streaming or not).
"""

from inference_server.server import DEFAULT_MODEL, InferenceServer, make_server

__all__ = ["DEFAULT_MODEL", "InferenceServer", "make_server"]
__version__ = "0.6.0"
