"""batch_app: a small batch API in the style of OpenAI's Batch API, on the standard library.

Upload a JSONL file of requests (`POST /v1/files`), create a batch from it (`POST /v1/batches`),
read its status (`GET /v1/batches/{id}`) and its output (`GET /v1/batches/{id}/output`).
Requests are answered by an echo model, so the service runs anywhere without a GPU.
"""

__version__ = "0.3.0"
